import { sessionReaderProject } from "../../test/setup/worker-project";

export default sessionReaderProject("example");
