/** Exit status of a usage mistake (bad option, bad id, bad JSON): scripts can tell it from a failure. */
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;
