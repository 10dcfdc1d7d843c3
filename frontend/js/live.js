// A live list: ask again every few seconds while the tab is visible, never while
// hidden, and never two requests at once. One small request per tick (the first
// page the operator already looks at), so a console left open costs the API little.
export const LIVE_SECONDS = 5;

export function every(seconds, tick) {
  let timer = null;
  let running = false;

  async function run() {
    if (running || document.hidden) return;
    running = true;
    try {
      await tick();
    } finally {
      running = false;
    }
  }

  function start() {
    if (timer === null) timer = setInterval(run, seconds * 1000);
  }

  function stop() {
    clearInterval(timer);
    timer = null;
  }

  const onVisibility = () => (document.hidden ? stop() : (start(), run()));
  document.addEventListener('visibilitychange', onVisibility);
  if (!document.hidden) start();
  return () => {
    stop();
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
