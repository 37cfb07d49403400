// The dashboard's entry point: finds the page from the URL, loads the session (what the user may do), renders the
// page and refreshes its data every few seconds while it is visible.
import { h, replace, notice } from './dom.js';
import { loadSession } from './api.js';
import { overviewPage } from './overview.js';
import { jobsPage } from './jobs.js';
import { jobPage } from './job.js';
import { failuresPage } from './failures.js';

async function start() {
  const main = document.getElementById('main');
  const base = new URL(document.baseURI).pathname;
  const route = window.location.pathname.startsWith(base) ? window.location.pathname.substring(base.length) : '';
  let session;
  try {
    session = await loadSession();
  } catch (error) {
    replace(main, h('p', { className: 'bad', id: 'load-error' }, error.message));
    return;
  }
  replace(document.getElementById('session'), session.user ? `${session.user} · ` : '',
    session.canWrite ? 'can change jobs' : 'read-only');
  let page = 'overview';
  let refresh;
  if (route === 'jobs') {
    page = 'jobs';
    refresh = await jobsPage(main, session);
  } else if (route.startsWith('jobs/')) {
    page = 'jobs';
    refresh = await jobPage(main, session, decodeURIComponent(route.substring(5)));
  } else if (route === 'failures') {
    page = 'failures';
    refresh = await failuresPage(main, session);
  } else {
    refresh = await overviewPage(main, session);
  }
  document.querySelectorAll('nav a').forEach((link) => {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
  });
  const update = async () => {
    try {
      await refresh();
      document.body.dataset.updated = String(Date.now());
    } catch (error) {
      notice(`Could not refresh: ${error.message}`, 'error');
    }
  };
  await update();
  setInterval(() => {
    // a form being filled in is not refreshed away; a hidden tab does not poll
    if (document.visibilityState === 'visible' && !document.querySelector('form.panel')) update();
  }, session.refreshMillis);
}

start();
