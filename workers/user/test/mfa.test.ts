// Second factors (TOTP, recovery codes, passkeys), the second sign-in step, step-up and the admin reset:
// one file of tests, so one workerd start. The parts restore the clock after each test.
import "./mfa/admin";
import "./mfa/passkey";
import "./mfa/sign-in";
import "./mfa/step-up";
import "./mfa/totp";
