// Warns before a session ends for want of activity, and keeps it open while the person is
// there (RGAA 13.1): typing, a key or a click after a while tells the server, as would a new
// page. Without this script nothing is lost either: a form sent after the end is kept for
// its author until they sign in again (entraide/lib/kept_forms.py).
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box || !window.fetch || !window.FormData) {
    return;
  }
  var idle = Number(box.dataset.idleSeconds) * 1000;
  var warn = Number(box.dataset.warnSeconds) * 1000;
  var message = document.getElementById("session-warning-message");
  var form = box.querySelector("form");
  var lastContact = Date.now();
  var warnTimer = null;
  var endTimer = null;
  var hideTimer = null;
  var sending = false;
  var ended = false;
  var focusedBefore = null;

  function plan() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(show, Math.max(0, idle - warn));
    endTimer = setTimeout(end, idle);
  }

  function say(text) {
    clearTimeout(hideTimer);
    box.hidden = false;
    message.textContent = text;
  }

  function show() {
    focusedBefore = document.activeElement;
    form.hidden = false;
    say(box.dataset.warning);
  }

  function end() {
    ended = true;
    form.hidden = true;
    say(box.dataset.ended);
  }

  function kept() {
    lastContact = Date.now();
    plan();
    if (box.hidden) {
      return;
    }
    var wasInBox = box.contains(document.activeElement);
    form.hidden = true;
    say(box.dataset.kept);
    // Back where the person was, if they came to the button for this.
    if (wasInBox && focusedBefore && document.contains(focusedBefore)) {
      focusedBefore.focus();
    }
    hideTimer = setTimeout(function () {
      box.hidden = true;
      message.textContent = "";
    }, 5000);
  }

  function keep() {
    if (sending || ended) {
      return;
    }
    sending = true;
    var data = new FormData(form);
    data.delete("next");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      redirect: "manual",
    })
      .then(function (response) {
        if (response.status === 204) {
          kept();
        } else {
          end();
        }
      })
      .catch(function () {
        // The network is away: the timers still say when the session ends.
      })
      .then(function () {
        sending = false;
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    keep();
  });
  ["keydown", "pointerdown", "input"].forEach(function (type) {
    document.addEventListener(
      type,
      function (event) {
        if (box.contains(event.target)) {
          return;
        }
        if (!box.hidden || Date.now() - lastContact > idle / 4) {
          keep();
        }
      },
      { passive: true },
    );
  });
  plan();
})();
