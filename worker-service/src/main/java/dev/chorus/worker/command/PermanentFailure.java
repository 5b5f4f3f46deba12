package dev.chorus.worker.command;

/** A command that can never succeed as it is; it is not retried. */
class PermanentFailure extends RuntimeException {

    PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
