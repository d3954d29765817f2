/*
 * Enhances the gate forms; they work without it. The running sum of a list's numbers (the award
 * criteria's weights) follows what is typed. Choosing a variant does not reload the page by itself
 * (WCAG 3.2.2: a change of setting is no change of context): its button shows the variant's fields.
 */
/* global document */
'use strict';
(function () {
  function updateSum(line) {
    var list = line.getAttribute('data-sum-list');
    var field = line.getAttribute('data-sum-field');
    var target = Number(line.getAttribute('data-sum-target'));
    var total = 0;
    var inputs = document.querySelectorAll('input[name^="' + list + '."]');
    for (var i = 0; i < inputs.length; i++) {
      var name = inputs[i].name.slice(list.length + 1);
      if (new RegExp('^\\d+\\.' + field + '$').test(name)) {
        var value = Number(inputs[i].value);
        if (isFinite(value)) total += value;
      }
    }
    // The server wrote the sentence in the page's language; only its first number changes.
    line.textContent = line.textContent.replace(/-?\d+(\.\d+)?/, String(total));
    line.setAttribute('data-sum-ok', String(total === target));
  }
  document.addEventListener('input', function (event) {
    var lines = document.querySelectorAll('[data-sum-list]');
    for (var i = 0; i < lines.length; i++) {
      if (event.target.name && event.target.name.indexOf(lines[i].getAttribute('data-sum-list') + '.') === 0)
        updateSum(lines[i]);
    }
  });
})();
