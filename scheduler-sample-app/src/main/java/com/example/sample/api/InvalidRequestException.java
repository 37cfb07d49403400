package com.example.sample.api;

/**
 * A request the API cannot carry out because of one of its fields.
 */
class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return this.field;
    }

}
