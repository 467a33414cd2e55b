/**
 * The page's only script, inlined: a node of the lineage graph (or a dataset link) opens that
 * dataset's section, hovering a node lights its edges, and each pipeline's datasets can be
 * filtered by name, expanded and collapsed at once. It reads nothing from the data and makes no
 * request.
 */
export const REPORT_SCRIPT = `
(function () {
  function open(id) {
    var section = document.getElementById(id);
    if (!section) return;
    section.hidden = false;
    section.open = true;
    document.querySelectorAll('.node.selected').forEach(function (n) { n.classList.remove('selected'); });
    document.querySelectorAll('.node[data-target="' + id + '"]').forEach(function (n) { n.classList.add('selected'); });
    section.classList.add('flash');
    setTimeout(function () { section.classList.remove('flash'); }, 1600);
    section.scrollIntoView({ block: 'start' });
    try { history.replaceState(null, '', '#' + id); } catch (e) { /* some viewers forbid it */ }
  }
  document.addEventListener('click', function (event) {
    var target = event.target.closest && event.target.closest('[data-target]');
    if (!target) return;
    event.preventDefault();
    open(target.getAttribute('data-target'));
  });
  document.addEventListener('keydown', function (event) {
    if ((event.key === 'Enter' || event.key === ' ') && event.target.classList && event.target.classList.contains('node')) {
      event.preventDefault();
      open(event.target.getAttribute('data-target'));
    }
  });
  function light(node, on) {
    var name = node.getAttribute('data-dataset');
    node.closest('svg').querySelectorAll('.edge').forEach(function (e) {
      if (e.getAttribute('data-from') === name || e.getAttribute('data-to') === name) e.classList.toggle('lit', on);
    });
  }
  document.querySelectorAll('.node').forEach(function (node) {
    node.addEventListener('mouseenter', function () { light(node, true); });
    node.addEventListener('mouseleave', function () { light(node, false); });
  });
  document.querySelectorAll('.ds-tools').forEach(function (tools) {
    var cards = tools.nextElementSibling.querySelectorAll('details.dataset');
    var shown = tools.querySelector('.ds-shown');
    function filter() {
      var words = tools.querySelector('.ds-search').value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
      var count = 0;
      cards.forEach(function (card) {
        var name = card.getAttribute('data-dataset').toLowerCase();
        var match = words.every(function (w) { return name.indexOf(w) >= 0; });
        card.hidden = !match;
        if (match) count++;
      });
      shown.textContent = words.length ? count + ' of ' + cards.length + ' datasets' : '';
    }
    tools.querySelector('.ds-search').addEventListener('input', filter);
    // Expanding opens the datasets the filter shows (all of them without a filter).
    tools.querySelector('.ds-expand').addEventListener('click', function () { cards.forEach(function (c) { if (!c.hidden) c.open = true; }); });
    tools.querySelector('.ds-collapse').addEventListener('click', function () { cards.forEach(function (c) { c.open = false; }); });
  });
  if (location.hash.length > 1) open(decodeURIComponent(location.hash.slice(1)));
})();
`;
