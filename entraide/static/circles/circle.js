/* The talking circle, live: the page's plain forms go through the circle's socket, and every
   change made anywhere refreshes the live part of the page. Without this file, the same forms
   post and come back. No framework, nothing from elsewhere. */
(function () {
  "use strict";
  var live = document.getElementById("circle-live");
  if (!live || !window.WebSocket || !window.fetch) { return; }
  var news = document.getElementById("circle-news");
  var socketPath = live.dataset.socket;
  var shown = Number(live.dataset.version);
  var latest = shown;
  var skew = Date.now() / 1000 - Number(live.dataset.now);
  var socket = null;
  var delay = 500;
  var fetching = false;

  function keyOf(element) {
    var form = element && element.closest ? element.closest("form") : null;
    if (!form || !form.elements.action) { return null; }
    var who = form.elements.person ? form.elements.person.value : "";
    return form.elements.action.value + "/" + who;
  }

  function refocus(key) {
    if (!key) { return; }
    var forms = live.querySelectorAll("form");
    for (var i = 0; i < forms.length; i += 1) {
      if (keyOf(forms[i].querySelector("button")) === key) {
        forms[i].querySelector("button").focus();
        return;
      }
    }
  }

  function refresh() {
    if (fetching) { return; }
    fetching = true;
    var focused = live.contains(document.activeElement) ? keyOf(document.activeElement) : null;
    var url = window.location.pathname + "?fragment=1";
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#circle-live");
        if (!fresh) { return; }
        var before = live.dataset.announce;
        live.replaceWith(fresh);
        live = fresh;
        shown = Number(live.dataset.version);
        skew = Date.now() / 1000 - Number(live.dataset.now);
        if (news && live.dataset.announce && live.dataset.announce !== before) {
          news.textContent = live.dataset.announce;
        }
        refocus(focused);
        tick();
      })
      .catch(function () {})
      .then(function () {
        fetching = false;
        if (latest > shown) { refresh(); }
      });
  }

  function say(message) {
    if (news) { news.textContent = message; }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + socketPath);
    socket.onopen = function () {
      delay = 500;
      document.documentElement.setAttribute("data-circle-socket", "open");
    };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "state") {
        latest = Math.max(latest, message.version);
        var opened = message.open ? "1" : "0";
        if (message.version !== shown || opened !== live.dataset.open) { refresh(); }
      } else if (message.type === "refused") {
        say(message.message);
        refresh();
      }
    };
    socket.onclose = function () {
      socket = null;
      document.documentElement.removeAttribute("data-circle-socket");
      // A phone that slept, a server that restarted: try again, a little later each time.
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }

  // Forms go through the socket when it is open; otherwise they post as usual.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!live.contains(form) || !socket || socket.readyState !== WebSocket.OPEN) { return; }
    var message = {};
    ["action", "person", "turn", "minutes"].forEach(function (name) {
      var field = form.elements[name];
      if (field && field.value !== "") { message[name] = field.value; }
    });
    event.preventDefault();
    socket.send(JSON.stringify(message));
  });

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && !socket) { connect(); }
  });

  // The gentle timer: the time spoken so far, and a quiet sign once the planned time is over.
  function tick() {
    var clock = live.querySelector("[data-clock]");
    if (!clock) { return; }
    var elapsed = Math.max(0, Math.round(Date.now() / 1000 - skew - Number(clock.dataset.since)));
    var seconds = elapsed % 60;
    clock.textContent = Math.floor(elapsed / 60) + ":" + (seconds < 10 ? "0" : "") + seconds;
    var over = elapsed > Number(clock.dataset.turnSeconds);
    var floor = live.querySelector(".circle-floor");
    var gentle = live.querySelector("[data-gentle]");
    if (floor) { floor.classList.toggle("over", over); }
    if (gentle) { gentle.hidden = !over; }
  }

  window.setInterval(tick, 1000);
  connect();
})();
