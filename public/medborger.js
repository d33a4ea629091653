// Progressive enhancement only: every form works without JavaScript.
if (window.DKFDS && typeof window.DKFDS.init === 'function') window.DKFDS.init();
