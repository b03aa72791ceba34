import { InternalRoutes } from '../shared/protocol';
import { escapeHtml, htmlPage, jsonForScript } from './html';
import { BOT_IDENTITY, SANDBOX_ACCOUNT, SUPERVISOR_IDENTITY } from './sandboxAccount';

/** What the customer page needs to know about its conversation. */
export interface CustomerPageData {
  readonly conversationSid: string;
  readonly customerAuthor: string;
  readonly customerName: string;
  readonly channelType: string;
}

const STYLE = `
  :root { color-scheme: light; font: 16px/1.45 system-ui, sans-serif; color: #1f2328; }
  body { margin: 0; background: #f4f5f7; }
  main { max-width: 40rem; margin: 0 auto; min-height: 100vh; display: flex; flex-direction: column; background: #fff; }
  header { padding: 0.75rem 1rem; background: #0263e0; color: #fff; }
  header h1 { margin: 0; font-size: 1.1rem; }
  header p { margin: 0.2rem 0 0; font-size: 0.85rem; }
  ol { list-style: none; margin: 0; padding: 1rem; flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: 0.5rem; }
  li { max-width: 80%; padding: 0.5rem 0.75rem; border-radius: 0.75rem; background: #e1e3ea; white-space: pre-wrap; overflow-wrap: anywhere; }
  li[data-from="customer"] { align-self: flex-end; background: #0263e0; color: #fff; }
  li[data-from="system"] { align-self: center; background: transparent; color: #4b5563; font-style: italic; }
  .who { display: block; font-size: 0.75rem; font-weight: 600; opacity: 0.85; }
  form { display: flex; gap: 0.5rem; padding: 0.75rem 1rem; border-top: 1px solid #d0d4dc; }
  label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  input { flex: 1; font: inherit; padding: 0.5rem 0.75rem; border: 1px solid #8891aa; border-radius: 0.5rem; }
  button { font: inherit; padding: 0.5rem 1rem; border: 0; border-radius: 0.5rem; background: #0263e0; color: #fff; cursor: pointer; }
  input:focus-visible, button:focus-visible { outline: 3px solid #99cdff; outline-offset: 1px; }
  #status { margin: 0; padding: 0 1rem 0.75rem; font-size: 0.85rem; color: #b42318; min-height: 1.2em; }
`;

// Plain ES5-style script (no template literals) so it can live inside this TypeScript template string unescaped.
const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('sandbox-data').textContent);
  var list = document.getElementById('messages');
  var status = document.getElementById('status');
  var seen = {};
  var base = '/sandbox/conversations/' + encodeURIComponent(data.conversationSid) + '/messages';

  function roleOf(author) { return data.roles[author] || 'system'; }
  function show(message, from) {
    if (seen[message.index]) return;
    seen[message.index] = true;
    var item = document.createElement('li');
    item.dataset.index = String(message.index);
    item.dataset.from = from;
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = data.labels[from] || message.author;
    item.appendChild(who);
    item.appendChild(document.createTextNode(message.body));
    var after = Array.prototype.find.call(list.children, function (li) { return Number(li.dataset.index) > message.index; });
    list.insertBefore(item, after || null);
    item.scrollIntoView({ block: 'nearest' });
  }
  function loadTranscript() {
    return fetch(base).then(function (res) { return res.json(); }).then(function (messages) {
      messages.forEach(function (m) { show(m, m.from); });
    });
  }
  function listen() {
    var url = '${InternalRoutes.stream}?role=customer&conversationSid=' + encodeURIComponent(data.conversationSid);
    var source = new EventSource(url);
    source.onmessage = function (event) {
      var push = JSON.parse(event.data);
      if (push.type === 'hello') { status.textContent = ''; loadTranscript(); }
      if (push.type === 'messageAdded') show(push.message, roleOf(push.message.author));
    };
    source.onerror = function () { status.textContent = 'Connection lost; reconnecting...'; };
  }
  document.getElementById('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = document.getElementById('body');
    var body = input.value;
    if (body.trim() === '') return;
    fetch(base, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: 'customer', body: body }) })
      .then(function (res) { return res.json().then(function (json) { return { ok: res.ok, json: json }; }); })
      .then(function (result) {
        if (!result.ok) { status.textContent = 'Not sent: ' + result.json.error; return; }
        input.value = '';
        status.textContent = '';
        show(result.json, 'customer');
      })
      .catch(function (error) { status.textContent = 'Not sent: ' + error.message; });
  });
  listen();
})();
`;

/** A small self-contained webchat-style page for the customer of one conversation. */
export function customerPage(data: CustomerPageData): string {
  const roles: Record<string, string> = {
    [data.customerAuthor]: 'customer',
    [SANDBOX_ACCOUNT.agentIdentity]: 'agent',
    [SUPERVISOR_IDENTITY]: 'supervisor',
    [BOT_IDENTITY]: 'bot',
  };
  const labels = { customer: 'You', agent: 'Agent', supervisor: 'Supervisor', bot: 'Bot', system: 'System' };
  const script = jsonForScript({ conversationSid: data.conversationSid, roles, labels });
  const body = `<main>
  <header>
    <h1>Chat with us</h1>
    <p>${escapeHtml(data.customerName)} &middot; ${escapeHtml(data.channelType)} &middot; ${escapeHtml(data.conversationSid)}</p>
  </header>
  <ol id="messages" role="log" aria-live="polite" aria-label="Messages"></ol>
  <p id="status" role="status"></p>
  <form id="composer">
    <label for="body">Your message</label>
    <input id="body" name="body" autocomplete="off" placeholder="Type a message" required>
    <button type="submit">Send</button>
  </form>
</main>
<script id="sandbox-data" type="application/json">${script}</script>
<script>${SCRIPT}</script>
`;
  return htmlPage({ title: `Chat with us (${data.customerName})`, style: STYLE, body });
}
