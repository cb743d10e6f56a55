import { describe, expect, it } from 'vitest';
import { testDocument } from '../../../platform/testing/fixtures.ts';
import { detailPage } from './detail-page.ts';

describe('detail page preview', () => {
  it('shows the standard page when the layout names no components', () => {
    const document = testDocument();
    delete document.layouts?.lead?.detail;
    expect(detailPage(document, 'lead')).toEqual({ declared: false, main: ['stageBar', 'poolActions', 'form'], side: ['timeline'] });
    expect(detailPage(document, 'hotel')).toMatchObject({ main: ['form'], side: ['timeline'] });
  });

  it('keeps the layout’s order, with the timeline and work orders in the side column', () => {
    const document = testDocument();
    document.layouts = { lead: { detail: { components: ['timeline', 'form', { related: 'visit', field: 'lead' }, 'workOrders', { chart: 'funnel' }] } } };
    expect(detailPage(document, 'lead')).toEqual({ declared: true, main: ['form', { related: 'visit', field: 'lead' }, { chart: 'funnel' }], side: ['timeline', 'workOrders'] });
  });

  it('leaves out work orders while that component is switched off', () => {
    const document = testDocument();
    document.layouts = { lead: { detail: { components: ['form', 'workOrders'] } } };
    document.components = { enabled: ['pools'] };
    expect(detailPage(document, 'lead').side).toEqual([]);
  });
});
