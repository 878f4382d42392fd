/* plural.js: counts in words. The forms and rules are pluralForm's and
   plural's in say.go, and pagejs_browser_test.go checks that they agree. */
(function (tl) {
  'use strict';
  // pluralForm names the form a count n takes in lang: 'one', 'few' or
  // 'many' (Russian), or '' for the form a key has without suffix.
  tl.pluralForm = function (lang, n) {
    var d = n % 10, h = n % 100;
    if (lang === 'ru') return d === 1 && h !== 11 ? 'one' : d >= 2 && d <= 4 && (h < 12 || h > 14) ? 'few' : 'many';
    if (lang === 'fr') return n === 0 || n === 1 ? 'one' : '';
    return n === 1 ? 'one' : '';
  };
  // plural returns table[key] in the form the count n takes in lang: the
  // key with suffix _one, _few or _many when the table has it.
  tl.plural = function (table, lang, key, n) {
    var form = tl.pluralForm(lang, n);
    if (form && Object.prototype.hasOwnProperty.call(table, key + '_' + form)) return table[key + '_' + form];
    return table[key];
  };
})(self.timelinePage || (self.timelinePage = {}));
