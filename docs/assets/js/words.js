// Our words in the site's language (hooks/language.py).
export const t = (message, values = {}) =>
  ((window.imrWords || {})[message] || message).replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
