// The checkup report's type and version are the report contract's (src/report); re-exported
// here for the callers that read a report through the checkup.
export { REPORT_VERSION, type CheckupReport } from '../report/index.js';
