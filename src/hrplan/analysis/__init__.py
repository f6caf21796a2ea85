"""From a plan and measured results to a year's reading: ratios, pace to the horizon, tasks, audit. No I/O."""
