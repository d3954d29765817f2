/*
 * Enhances the gate forms; they work without it. The running sum of a list's numbers (the award
 * criteria's weights) follows what is typed, and choosing a variant (e.g. the decision's outcome)
 * shows its fields at once by pressing the form's own "Show the fields for this choice" button.
 */
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
  document.addEventListener('change', function (event) {
    var variants = event.target.closest && event.target.closest('[data-variants]');
    if (!variants || event.target.name !== variants.getAttribute('data-variants')) return;
    var refresh = variants.querySelector('button.refresh');
    if (refresh) refresh.click();
  });
})();
