/**
 * What a `phone` value looks like: digits, with a leading + and spaces, brackets and dashes
 * between them (3 to 32 characters). Records are checked against it, and the app dials only a
 * number that passes.
 */
export const phonePattern = '^\\+?[0-9][0-9 ()-]{2,30}$';
