import { htmlPage } from './html';

const STYLE = `
  :root { font: 16px/1.5 system-ui, sans-serif; color: #1f2328; }
  body { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
  textarea { width: 100%; min-height: 18rem; font: 14px/1.4 ui-monospace, monospace; padding: 0.5rem; box-sizing: border-box; }
  .actions { display: flex; gap: 0.5rem; margin: 0.75rem 0; }
  button { font: inherit; padding: 0.4rem 1rem; border-radius: 0.4rem; border: 1px solid #0263e0; background: #0263e0; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #0263e0; }
  button:focus-visible, textarea:focus-visible { outline: 3px solid #99cdff; outline-offset: 1px; }
  #result { min-height: 1.5em; font-weight: 600; }
  #problems li { margin: 0.25rem 0; }
  #problems li[data-level="error"] { color: #b42318; }
  #problems li[data-level="notice"] { color: #7a4d00; }
  code { background: #f0f2f4; padding: 0.1rem 0.3rem; border-radius: 4px; }
`;

// Plain ES5-style script (no template literals) so it can live inside this TypeScript template string unescaped.
const SCRIPT = `
(function () {
  var editor = document.getElementById('config');
  var result = document.getElementById('result');
  var list = document.getElementById('problems');

  function showProblems(problems) {
    list.innerHTML = '';
    problems.forEach(function (problem) {
      var item = document.createElement('li');
      item.dataset.level = problem.level;
      item.textContent = problem.level + ': ' + problem.message;
      list.appendChild(item);
    });
  }
  function readEditor() {
    try {
      return { ok: true, value: JSON.parse(editor.value) };
    } catch (error) {
      result.textContent = 'Not valid JSON: ' + error.message;
      showProblems([]);
      return { ok: false };
    }
  }
  function post(method, url, body) {
    return fetch(url, { method: method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }); });
  }
  function check(then) {
    var parsed = readEditor();
    if (!parsed.ok) return;
    post('POST', '/sandbox/config/validate', { customerInactivity: parsed.value }).then(function (answer) {
      if (!answer.ok) { result.textContent = answer.json.error; return; }
      showProblems(answer.json.problems);
      var errors = answer.json.problems.filter(function (p) { return p.level === 'error'; }).length;
      result.textContent = errors === 0 ? 'The plugin accepts this configuration.' : errors + ' value(s) will be replaced by defaults.';
      if (then) then(parsed.value);
    });
  }
  function save(value) {
    post('PUT', '/sandbox/config', { customerInactivity: value }).then(function (answer) {
      result.textContent = answer.ok ? result.textContent + ' Saved: agent desktops loaded from now on use it.' : answer.json.error;
    });
  }
  document.getElementById('check').addEventListener('click', function () { check(null); });
  document.getElementById('editor').addEventListener('submit', function (event) { event.preventDefault(); check(save); });
  fetch('/sandbox/config').then(function (res) { return res.json(); }).then(function (config) {
    editor.value = 'customerInactivity' in config ? JSON.stringify(config.customerInactivity, null, 2) : '{}';
    check(null);
  });
})();
`;

/** The page to view and edit `ui_attributes.customerInactivity`, showing the plugin's own validation messages. */
export function configPage(): string {
  const body = `<main>
  <h1>Inactivity configuration</h1>
  <p>This is <code>ui_attributes.customerInactivity</code> of the sandbox's Flex configuration. It is stored as
     given, like the real Configuration API; the messages below are the plugin's own validation.</p>
  <form id="editor">
    <label for="config">customerInactivity (JSON)</label>
    <textarea id="config" spellcheck="false"></textarea>
    <div class="actions">
      <button type="button" id="check" class="secondary">Check</button>
      <button type="submit" id="save">Save</button>
    </div>
  </form>
  <p id="result" role="status" aria-live="polite"></p>
  <ul id="problems" aria-label="Validation messages"></ul>
</main>
<script>${SCRIPT}</script>
`;
  return htmlPage({ title: 'Sandbox: customerInactivity configuration', style: STYLE, body });
}
