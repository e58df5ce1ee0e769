// Security keys (WebAuthn): registration on /account/security-keys/, the second step on /account/verify/.
// The server gives the options as JSON (binary fields base64url-encoded) and checks every answer.
"use strict";
(function () {
  function toBytes(text) {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(b64 + "===".slice((b64.length + 3) % 4));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  }
  function toText(buffer) {
    let raw = "";
    new Uint8Array(buffer).forEach((b) => { raw += String.fromCharCode(b); });
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function descriptors(list) {
    return (list || []).map((d) => Object.assign({}, d, { id: toBytes(d.id) }));
  }
  function answer(credential) {
    const r = credential.response;
    const out = { id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(), response: {} };
    ["clientDataJSON", "attestationObject", "authenticatorData", "signature", "userHandle"].forEach((k) => {
      if (r[k]) { out.response[k] = toText(r[k]); }
    });
    if (r.getTransports) { out.response.transports = r.getTransports(); }
    return out;
  }
  async function post(url, csrf, body) {
    const response = await fetch(url, { method: "POST", credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });
    const data = await response.json();
    if (!response.ok) { throw new Error(data.error || response.statusText); }
    return data;
  }
  function wire(form, run) {
    const error = form.querySelector(".security-key-error");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.textContent = "";
      const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
      try {
        const result = await run(form, csrf);
        window.location.assign(result.redirect);
      } catch (e) {
        error.textContent = e.name === "Error" ? e.message : form.dataset.failed;
      }
    });
  }
  const register = document.getElementById("security-key-register");
  if (register) {
    wire(register, async (form, csrf) => {
      const options = await post(form.dataset.optionsUrl, csrf);
      options.challenge = toBytes(options.challenge);
      options.user.id = toBytes(options.user.id);
      options.excludeCredentials = descriptors(options.excludeCredentials);
      const credential = await navigator.credentials.create({ publicKey: options });
      const name = form.querySelector("input[name=name]").value;
      return post(form.action + "?next=" + encodeURIComponent(form.dataset.next), csrf,
        { name: name, credential: answer(credential) });
    });
  }
  const verify = document.getElementById("security-key-verify");
  if (verify) {
    wire(verify, async (form, csrf) => {
      const options = await post(form.dataset.optionsUrl, csrf);
      options.challenge = toBytes(options.challenge);
      options.allowCredentials = descriptors(options.allowCredentials);
      const credential = await navigator.credentials.get({ publicKey: options });
      return post(form.action + "?next=" + encodeURIComponent(form.dataset.next), csrf,
        { credential: answer(credential) });
    });
  }
})();
