/**
 * Workflow-sandbox code, evaluated once per worker as a preloaded module (WORKFLOW_PRELOAD_MODULES):
 * how many frames a stack trace taken in workflow code keeps.
 *
 * The SDK takes a stack trace for every promise that workflow code creates (it keeps them for the
 * Temporal UI's "Stack Trace" view) and maps every frame through the bundle's source map. Under the
 * throughput bench that was the largest cost of a workflow task (bench/profile.ts: about 4 ms of
 * each API call), growing with the frames taken. V8 takes ten by default; the few nearest frames
 * are the ones that say where a workflow waits (the loop's `condition`, an activity call, a sleep),
 * and they stay.
 */
export const WORKFLOW_STACK_TRACE_FRAMES = 4;

Error.stackTraceLimit = WORKFLOW_STACK_TRACE_FRAMES;
