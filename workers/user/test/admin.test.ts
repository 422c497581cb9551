// The admin API and its audit log: one file of tests, so one workerd start (each test file gets a
// workerd of its own, about 2.5 s of CPU here). admin/matrix.test.ts, the route-by-role table, is
// long enough to run beside it.
import "./admin/admin-api";
import "./admin/audit";
