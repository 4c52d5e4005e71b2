// presskit serve: when a file of the pack is saved, the server renders the page again
// and says so on this event stream; the page swaps in the new body, scroll kept.
(function () {
  "use strict";
  const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
  let stamp = meta("presskit-stamp");

  function status(text, live) {
    const element = document.getElementById("presskit-status");
    if (element) {
      element.textContent = text;
      element.dataset.live = live ? "yes" : "no";
    }
  }

  async function refresh() {
    try {
      const response = await fetch(location.href, { cache: "no-store" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const x = window.scrollX, y = window.scrollY;
      document.title = page.title;
      for (const name of ["lang", "dir", "class"]) {
        const value = page.documentElement.getAttribute(name);
        if (value === null) document.documentElement.removeAttribute(name);
        else document.documentElement.setAttribute(name, value);
      }
      // The page's own styles (the stylesheet file may have changed too).
      document.head.querySelectorAll("style:not([data-presskit]), link[rel=stylesheet]")
        .forEach((element) => element.remove());
      page.head.querySelectorAll("style:not([data-presskit]), link[rel=stylesheet]")
        .forEach((element) => {
          if (element.tagName === "LINK") {
            element.href = element.href.split("?")[0] + "?v=" + encodeURIComponent(stamp);
          }
          document.head.appendChild(document.importNode(element, true));
        });
      const open = document.querySelector("#presskit-toolbar details[open]") !== null;
      document.body.replaceWith(document.importNode(page.body, true));
      const list = document.querySelector("#presskit-toolbar details");
      if (list) list.open = open;
      stamp = page.querySelector('meta[name="presskit-stamp"]').content;
      window.scrollTo(x, y);
      status("live: updated " + new Date().toLocaleTimeString(), true);
    } catch (error) {
      location.reload();
    }
  }

  const events = new EventSource(meta("presskit-events"));
  events.addEventListener("stamp", (event) => {
    status("live", true);
    if (event.data !== stamp) {
      stamp = event.data;
      refresh();
    }
  });
  events.onerror = () => status("not connected: is presskit serve running?", false);
})();
