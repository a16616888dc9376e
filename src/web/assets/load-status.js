// Progressive enhancement of the resource page while its data loads: polls the loads API and updates the
// status line (an aria-live region). Without JavaScript the refresh link does the same job.
{
  const box = document.querySelector('[data-loads-url]');
  const text = box?.querySelector('[data-status-text]');
  const link = box?.querySelector('[data-status-link]');
  const MAX_POLLS = 200;
  let polls = 0;
  let delay = 2000;

  // The same reading as the server's: a pending load row wins, then a waiting job, then the last outcome.
  const stateOf = (body) => {
    const load = body?.loads?.[0];
    const job = body?.job;
    if (load && (load.status === 'queued' || load.status === 'running')) return load;
    if (job && (job.status === 'queued' || job.status === 'running'))
      return { status: 'queued', progress: 0 };
    return load ?? { status: 'queued', progress: 0 };
  };

  const say = (message) => {
    if (text && text.textContent !== message) text.textContent = message;
  };

  const poll = async () => {
    polls += 1;
    try {
      const res = await fetch(box.dataset.loadsUrl, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      const s = stateOf(await res.json());
      box.dataset.status = s.status;
      if (s.status === 'running')
        say(box.dataset.msgRunning.replace('{percent}', String(Math.round((s.progress || 0) * 100))));
      else if (s.status === 'queued') say(box.dataset.msgQueued);
      else {
        say(
          s.status === 'done'
            ? box.dataset.msgDone
            : box.dataset.msgFailed.replace('{error}', String(s.error || '').slice(0, 300)),
        );
        if (link && s.status === 'done') link.textContent = box.dataset.msgShow;
        return;
      }
    } catch {
      delay = 15000;
    }
    if (polls < MAX_POLLS) {
      delay = Math.min(Math.round(delay * 1.3), 15000);
      setTimeout(poll, delay);
    }
  };

  if (box && text) setTimeout(poll, delay);
}
