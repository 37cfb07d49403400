// Form building blocks: fields that can show the server's error next to them, and the trigger form shared by
// "add a job" and "reschedule".
import { h, replace } from './dom.js';

const TRIGGER_PARAMETERS = {
  cron: ['crontab', 'year', 'month', 'day', 'week', 'day_of_week', 'hour', 'minute', 'second', 'start_date',
    'end_date', 'timezone', 'jitter'],
  interval: ['weeks', 'days', 'hours', 'minutes', 'seconds', 'start_date', 'end_date', 'timezone', 'jitter'],
  date: ['run_date', 'timezone'],
  calendarinterval: ['years', 'months', 'weeks', 'days', 'hour', 'minute', 'second', 'start_date', 'end_date',
    'timezone'],
};

const HINTS = {
  crontab: 'a crontab line, e.g. */5 * * * *', day_of_week: 'mon-fri, 0-6 (0 = Monday)', minute: '0-59, */5, …',
  hour: '0-23', second: '0-59', run_date: '2030-01-01T09:00:00', start_date: 'ISO date and time',
  end_date: 'ISO date and time', timezone: 'e.g. Europe/Paris', jitter: 'seconds',
};

export function field(label, name, control, hint) {
  control.setAttribute('name', name);
  control.setAttribute('id', `field-${name}`);
  return h('div', { className: 'field', 'data-field': name },
    h('label', { for: `field-${name}` }, label), control,
    hint ? h('small', { className: 'hint' }, hint) : null,
    h('small', { className: 'field-error', 'data-error-for': name }));
}

export function select(options, value) {
  return h('select', {}, options.map((option) => h('option', { value: option, selected: option === value }, option)));
}

export function clearErrors(form) {
  form.querySelectorAll('.invalid').forEach((element) => {
    element.classList.remove('invalid');
    element.removeAttribute('aria-invalid');
  });
  form.querySelectorAll('.field-error').forEach((element) => replace(element));
  const summary = form.querySelector('.form-error');
  if (summary) replace(summary);
}

// Shows an error of the server on the field it names (params.minute -> the "minute" input of the trigger), or on
// the form as a whole when it names none the form has.
export function showError(form, error) {
  clearErrors(form);
  const name = error.field;
  const control = name ? form.querySelector(`[name="${CSS.escape(name)}"]`) : null;
  if (control) {
    control.classList.add('invalid');
    control.setAttribute('aria-invalid', 'true');
    replace(form.querySelector(`[data-error-for="${CSS.escape(name)}"]`), error.message);
    control.focus();
  } else {
    replace(form.querySelector('.form-error'), error.message);
  }
}

export function triggerFields(triggers, initial = {}) {
  const kinds = triggers.filter((kind) => TRIGGER_PARAMETERS[kind]);
  const alias = initial.trigger && kinds.includes(initial.trigger) ? initial.trigger : 'cron';
  const kind = select(kinds, alias);
  const parameters = h('div', { className: 'parameters' });
  const render = () => {
    // the values of the job's own trigger are offered for that kind only: another kind starts empty
    const values = kind.value === initial.trigger ? (initial.params || {}) : {};
    replace(parameters, (TRIGGER_PARAMETERS[kind.value] || []).map((name) => field(name.replace('_', ' '),
      `params.${name}`, h('input', { type: 'text', value: values[name] ?? '' }), HINTS[name])));
  };
  kind.addEventListener('change', render);
  render();
  return h('fieldset', { className: 'trigger' }, h('legend', {}, 'Trigger'), field('trigger', 'trigger', kind),
    parameters);
}

export function readTrigger(form) {
  const params = {};
  form.querySelectorAll('[name^="params."]').forEach((input) => {
    if (input.value.trim() !== '') params[input.name.substring(7)] = input.value.trim();
  });
  return { trigger: form.querySelector('[name="trigger"]').value, params };
}
