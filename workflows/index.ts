// The worker's workflow bundle: every workflow the task queue runs.
export { procurementWorkflow } from './procurement';
export { productGroupLessonsWorkflow } from './lessons';
