// Shared by every console page: calls the service's JSON API, with the API key saved in this tab when there is one,
// and runs the key form in the footer. The key lives in sessionStorage: it is gone when the tab closes.
(() => {
  const STORAGE_KEY = "lqs-api-key";
  const form = document.getElementById("api-key-form");
  const input = document.getElementById("api-key");
  const state = document.getElementById("api-key-state");
  const savedKey = () => sessionStorage.getItem(STORAGE_KEY) || "";
  const showState = () => {
    state.textContent = savedKey() ? "A key is saved for this tab." : "No key saved.";
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (key) sessionStorage.setItem(STORAGE_KEY, key);
    else sessionStorage.removeItem(STORAGE_KEY);
    input.value = "";
    showState();
  });
  showState();

  /** Resolves with the status and the parsed body; rejects only when the service cannot be reached. */
  async function request(path, init = {}) {
    const headers = { accept: "application/json", ...(init.headers || {}) };
    const key = savedKey();
    if (key) headers.authorization = `Bearer ${key}`;
    const res = await fetch(path, { ...init, headers });
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    return { status: res.status, ok: res.ok, body };
  }

  /** The service's own sentence for a refused call, with a hint when a key is what is missing. */
  function message(answer) {
    const text = answer.body?.error?.message || `The service answered HTTP ${answer.status}`;
    return answer.status === 401 || answer.status === 403 ? `${text}. Save an API key below.` : text;
  }

  window.lqsApi = { request, message };
})();
