package dev.apscheduler.spring.boot.amqp;

/**
 * Thrown for a message that is not a run a worker can execute (a poison message): its body is not a run's JSON, or
 * its task is not registered. Such a message is rejected to the queue's dead-letter queue, never retried.
 */
class InvalidRunMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidRunMessageException(@org.jspecify.annotations.Nullable String message) {
        super(message);
    }

}
