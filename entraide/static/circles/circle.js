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

  var pending = null;   // the action this device sent, until the circle shows it done
  var overSince = null; // the turn whose planned time was already said to be over

  function keyOf(element) {
    var form = element && element.closest ? element.closest("form") : null;
    if (!form || !form.elements.action) { return null; }
    var who = form.elements.person ? form.elements.person.value : "";
    return form.elements.action.value + "/" + who;
  }

  // Where a control sits: one's own buttons, those who lead, or one person on a shared screen.
  function placeOf(element) {
    var place = element && element.closest
      ? element.closest(".circle-mine, .circle-lead, [data-person]") : null;
    if (!place) { return null; }
    if (place.dataset.person) { return "[data-person='" + place.dataset.person + "']"; }
    return place.classList.contains("circle-mine") ? ".circle-mine" : ".circle-lead";
  }

  // Focus stays on the control that acted or, when it is gone, on the one that took its
  // place (raise becomes lower, speak becomes "J'ai fini"), else on the floor's heading:
  // never back at the top of the page (RGAA 12.8, 7.1).
  function refocus(key, place) {
    var buttons = live.querySelectorAll("form button");
    for (var i = 0; i < buttons.length; i += 1) {
      if (key && keyOf(buttons[i]) === key) { buttons[i].focus(); return; }
    }
    var near = place ? live.querySelector(place + " button") : null;
    if (near) { near.focus(); return; }
    var heading = live.querySelector("#floor-title") || live.querySelector("h2, p");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
      heading.focus();
    }
  }

  // One message for what changed, said once, without touching the region being read.
  function say(message) {
    if (!news || !message) { return; }
    news.textContent = "";
    window.setTimeout(function () { news.textContent = message; }, 50);
  }

  function hands(element) {
    return element.dataset.hands ? element.dataset.hands.split("|") : [];
  }

  function confirmation(action) {
    if (!action || !news) { return ""; }
    return news.dataset["said" + action.charAt(0).toUpperCase() + action.slice(1)] || "";
  }

  function changes(before, after) {
    var said = [];
    var mine = confirmation(pending);
    if (mine) {
      said.push(mine);
    } else if (after.dataset.announce && after.dataset.announce !== before.dataset.announce) {
      said.push(after.dataset.announce);
    }
    pending = null;
    if (after.dataset.leads === "1" && news) {
      var earlier = hands(before);
      hands(after).forEach(function (name) {
        if (earlier.indexOf(name) < 0) { said.push(news.dataset.sayHand.replace("__NAME__", name)); }
      });
    }
    if (after.dataset.warns === "1" && before.dataset.warns !== "1") {
      var words = after.querySelector("#balance-caption");
      if (words) { said.push(words.textContent.trim()); }
    }
    if (after.dataset.closed === "1" && before.dataset.closed !== "1") {
      var closing = after.querySelector("p");
      if (closing) { said.push(closing.textContent.trim()); }
    }
    return said.join(" ");
  }

  function refresh() {
    if (fetching) { return; }
    fetching = true;
    var inside = live.contains(document.activeElement);
    var focused = inside ? keyOf(document.activeElement) : null;
    var place = inside ? placeOf(document.activeElement) : null;
    var url = window.location.pathname + "?fragment=1";
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#circle-live");
        if (!fresh) { return; }
        var before = live;
        live.replaceWith(fresh);
        live = fresh;
        shown = Number(live.dataset.version);
        skew = Date.now() / 1000 - Number(live.dataset.now);
        say(changes(before, live));
        if (inside) { refocus(focused, place); }
        tick();
      })
      .catch(function () {})
      .then(function () {
        fetching = false;
        if (latest > shown) { refresh(); }
      });
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
        pending = null;
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
    pending = message.person ? null : message.action;  // one's own action, not for another
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
    if (over && gentle && overSince !== clock.dataset.since) {
      overSince = clock.dataset.since;
      say(gentle.textContent.trim());
    }
  }

  window.setInterval(tick, 1000);
  connect();
})();
