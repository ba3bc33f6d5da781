// Reads {secret, headers, body, now} as JSON on stdin and verifies the message with the standardwebhooks library.
// Prints the parsed payload's type and exits 0 when the signature verifies; prints the error and exits 1 otherwise.
const { Webhook } = require("standardwebhooks");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { secret, headers, body, now } = JSON.parse(input);
  if (now) {
    Date.now = () => now * 1000; // the test's fake clock
  }
  try {
    const payload = new Webhook(secret).verify(body, headers);
    process.stdout.write(payload.type);
    process.exit(0);
  } catch (error) {
    process.stdout.write(String(error.message));
    process.exit(1);
  }
});
