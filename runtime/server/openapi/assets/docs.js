// The API reference page: loads the tenant's OpenAPI document with the session cookie and
// renders it with Swagger UI; without a session it shows a sign-in form first. The platform
// operator's page (data-operator) has no sign-in: its document is public, and Swagger UI's
// Authorize button takes the operator token. Served as a file because the page's CSP allows
// no inline scripts.
(function () {
  'use strict';

  var root = document.getElementById('swagger-ui');
  var signIn = document.getElementById('sign-in');
  var form = document.getElementById('sign-in-form');
  var message = document.getElementById('sign-in-message');
  var bar = document.getElementById('session-bar');
  var base = root.getAttribute('data-api-base');
  var operator = root.hasAttribute('data-operator');
  var csrfToken = null;

  function show(element, visible) {
    element.hidden = !visible;
  }

  function say(text) {
    message.textContent = text;
  }

  function problemText(body, fallback) {
    return body && (body.detail || body.title) ? body.detail || body.title : fallback;
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (error) {
      return null;
    }
  }

  async function start() {
    var response;
    try {
      response = await fetch(base + '/openapi.json', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    } catch (error) {
      say('The server could not be reached. Reload to try again.');
      show(signIn, true);
      return;
    }
    if (response.status === 401 && form) {
      show(signIn, true);
      form.elements.email.focus();
      return;
    }
    if (!response.ok) {
      var problem = await readJson(response);
      say(problemText(problem, 'The API description could not be loaded (' + response.status + ').'));
      if (form) show(form, false);
      show(signIn, true);
      return;
    }
    var spec = await response.json();
    if (!operator) await loadSession();
    render(spec);
  }

  async function loadSession() {
    var response = await fetch(base + '/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) return;
    var me = await response.json();
    csrfToken = me.csrfToken || null;
    document.getElementById('session-user').textContent = me.name + ' <' + me.email + '>';
    show(bar, true);
  }

  function render(spec) {
    window.ui = window.SwaggerUIBundle({
      spec: spec,
      dom_id: '#swagger-ui',
      deepLinking: true,
      docExpansion: 'none',
      defaultModelsExpandDepth: 0,
      filter: true,
      tryItOutEnabled: false,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      // Cookie-authenticated writes must echo the session's CSRF token.
      requestInterceptor: function (request) {
        var method = (request.method || 'GET').toUpperCase();
        if (csrfToken && method !== 'GET' && method !== 'HEAD') request.headers['X-CSRF-Token'] = csrfToken;
        return request;
      },
    });
  }

  if (form) form.addEventListener('submit', async function (event) {
    event.preventDefault();
    say('');
    var button = form.querySelector('button');
    button.disabled = true;
    try {
      var response = await fetch(base + '/auth/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: form.elements.email.value, password: form.elements.password.value }),
      });
      if (response.ok) {
        window.location.reload();
        return;
      }
      var problem = await readJson(response);
      say(response.status === 401 ? 'Wrong e-mail or password.' : problemText(problem, 'Sign-in failed (' + response.status + ').'));
    } catch (error) {
      say('The server could not be reached.');
    } finally {
      button.disabled = false;
    }
  });

  var signOut = document.getElementById('sign-out');
  if (signOut) signOut.addEventListener('click', async function () {
    await fetch(base + '/auth/logout', { method: 'POST', credentials: 'same-origin', headers: csrfToken ? { 'X-CSRF-Token': csrfToken } : {} });
    window.location.reload();
  });

  start();
})();
