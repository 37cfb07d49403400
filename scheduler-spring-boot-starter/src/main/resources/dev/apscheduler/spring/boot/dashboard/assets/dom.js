// Small helpers to build the DOM without innerHTML: every text goes in as text, never as markup.

export function h(tag, attributes = {}, ...children) {
  const svg = ['svg', 'rect', 'line', 'polyline', 'text', 'g', 'title', 'path'].includes(tag);
  const element = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else if (name === 'className') {
      element.setAttribute('class', value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

export function time(value) {
  if (!value) return '—';
  const date = new Date(value);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function duration(millis) {
  if (millis === null || millis === undefined) return '—';
  if (millis < 1000) return `${millis} ms`;
  if (millis < 60000) return `${(millis / 1000).toFixed(1)} s`;
  return `${Math.floor(millis / 60000)} min ${Math.round((millis % 60000) / 1000)} s`;
}

export function notice(message, kind = 'info') {
  const box = document.getElementById('notice');
  replace(box, message);
  box.className = `notice ${kind} shown`;
  clearTimeout(notice.timer);
  notice.timer = setTimeout(() => { box.className = 'notice'; }, 5000);
}

// Tells whether data differ from what was last shown under a key: a refresh that brings nothing new leaves the page
// (and the element the user is about to click) as it is.
const shown = new Map();

export function changed(key, data) {
  const text = JSON.stringify(data);
  if (shown.get(key) === text) return false;
  shown.set(key, text);
  return true;
}

export function forget(key) {
  shown.delete(key);
}
