// Sign-up, verification, sign-in, passwords and tokens: one file of tests, so one workerd start
// (each test file gets a workerd of its own, about 2.5 s of CPU here). The parts restore the
// clock and any spies after each test (their afterEach hooks apply to all of them, harmlessly).
import "./auth/flow";
import "./auth/login";
import "./auth/mail-language";
import "./auth/password-flows";
import "./auth/password-rules";
import "./auth/register";
import "./auth/tokens";
import "./auth/verify-email";
