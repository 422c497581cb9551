// Social sign-in: one file of tests, so one workerd start (each test file gets a workerd of its
// own, about 2.5 s of CPU here). The local stack's real OpenID provider (dev-provider) and
// loopback fakes of a misbehaving issuer and of GitHub (fake-providers).
import "./oauth/dev-provider";
import "./oauth/fake-providers";
