/* global document, window, EventSource, DOMParser */
/*
 * Live updates of the project page: listens to the project's event stream and, when the project
 * changed elsewhere, fetches the page again and swaps its content in place. Focus, scroll and open
 * <details> stay where they were; a polite live region says "Updated". Without this script the page
 * shows the change on reload.
 */
(function () {
  'use strict';
  var status = document.getElementById('live-status');
  var source = null;

  function content() {
    return document.getElementById('project-content');
  }

  function listen() {
    var current = content();
    if (!current || typeof EventSource === 'undefined') return;
    var url = current.getAttribute('data-events');
    if (!url) return;
    source = new EventSource(url);
    source.addEventListener('changed', function () {
      // The new content names its own change mark: listen again from there.
      source.close();
      source = null;
      refresh();
    });
  }

  /** Where focus is, as something that can be found again in the new content. */
  function focusKey(root) {
    var active = document.activeElement;
    if (!active || !root.contains(active) || active === root) return null;
    if (active.id) return { id: active.id };
    var href = active.getAttribute('href');
    if (href) return { href: href };
    if (active.tagName === 'SUMMARY') {
      var summaries = root.querySelectorAll('summary');
      return { summary: Array.prototype.indexOf.call(summaries, active) };
    }
    return null;
  }

  function restoreFocus(root, key) {
    if (!key) return;
    var target = null;
    if (key.id) target = document.getElementById(key.id);
    else if (key.href) target = root.querySelector('a[href="' + key.href.replace(/"/g, '\\"') + '"]');
    else if (key.summary !== undefined) target = root.querySelectorAll('summary')[key.summary] || null;
    if (target) target.focus({ preventScroll: true });
  }

  function openDetails(root) {
    return Array.prototype.map.call(root.querySelectorAll('details'), function (d) {
      return d.open;
    });
  }

  function refresh() {
    var url = new URL(window.location.href);
    url.searchParams.delete('done');
    fetch(url.toString(), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) throw new Error('status ' + response.status);
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('project-content');
        var old = content();
        if (!fresh || !old) throw new Error('no content');
        var key = focusKey(old);
        var open = openDetails(old);
        var x = window.scrollX;
        var y = window.scrollY;
        old.replaceWith(document.adoptNode(fresh));
        Array.prototype.forEach.call(fresh.querySelectorAll('details'), function (d, i) {
          if (open[i]) d.open = true;
        });
        restoreFocus(fresh, key);
        window.scrollTo(x, y);
        if (status) {
          status.textContent = '';
          // A change of text is what screen readers announce: clear, then say it.
          setTimeout(function () {
            status.textContent = status.getAttribute('data-updated') || 'Updated';
          }, 50);
        }
      })
      .then(listen, function () {
        // Could not fetch the page (signed out, Temporal slow): try again a little later; a reload
        // shows what is there meanwhile.
        setTimeout(listen, 10000);
      });
  }

  listen();
})();
