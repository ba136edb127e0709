/* global AdaptiveCards, document, window */
/**
 * Runs in the page, after adaptivecards.min.js: window.setUpHost(hostConfig) once, then
 * window.renderCard(json) renders a card into #card and returns every problem the renderer
 * reported (parse and validation events, a card that renders to nothing).
 */
(function () {
  const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  /**
   * The markdown Teams renders in a TextBlock: **bold**, _italic_ / *italic*, [links](url),
   * "- " lists, line breaks; a backslash escapes the next character (cards/render.ts plain()).
   */
  function markdown(text) {
    const escaped = [];
    // Escaped characters are parked as \uE000<n>\uE001 (private use) until the markup is done.
    const protect = text.replace(/\\(.)/g, (_, ch) => `\uE000${escaped.push(ch) - 1}\uE001`);
    const inline = (s) =>
      escapeHtml(s)
        .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|\W)_(.+?)_(?=\W|$)/g, '$1<em>$2</em>')
        .replace(/\*(.+?)\*/g, '<em>$1</em>')
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
    const blocks = protect.split(/\n{2,}/).map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*[-*] /.test(l))) return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ''))}</li>`).join('')}</ul>`;
      // CommonMark numbers the list from its first marker: "2. juni 2021" alone is a list starting at 2.
      if (lines.every((l) => /^\s*\d+\. /.test(l))) return `<ol start="${parseInt(lines[0], 10)}">${lines.map((l) => `<li>${inline(l.replace(/^\s*\d+\. /, ''))}</li>`).join('')}</ol>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    });
    return blocks.join('').replace(/\uE000(\d+)\uE001/g, (_, i) => escapeHtml(escaped[Number(i)]));
  }

  let hostConfig;
  window.setUpHost = (config) => {
    hostConfig = new AdaptiveCards.HostConfig(config);
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = markdown(text);
      result.didProcess = true;
    };
  };

  const describe = (e) => `${AdaptiveCards.ValidationPhase[e.phase]}/${AdaptiveCards.ValidationEvent[e.event]}: ${e.message}`;

  window.renderCard = (json) => {
    const problems = [];
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = hostConfig;
    const context = new AdaptiveCards.SerializationContext();
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) problems.push(describe(context.getEventAt(i)));
    for (const e of card.validateProperties().validationEvents) problems.push(describe(e));
    const target = document.getElementById('card');
    target.replaceChildren();
    const element = card.render();
    if (!element) problems.push('render() returned nothing');
    else target.appendChild(element);
    if (target.getBoundingClientRect().height < 10) problems.push('the card rendered empty');
    return problems;
  };
})();
