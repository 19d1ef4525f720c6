package dev.weir.platform.web;

import java.io.IOException;

/**
 * Reading a request's body failed because of its client: the body outgrew the limit
 * ({@link BodyTooLargeException}), or the client stopped sending it (the connection broke
 * or closed before its end). A proxy passing the body on learns from it that a failed
 * call is the client's doing, not the service's it called.
 */
public class ClientBodyException extends IOException {

    ClientBodyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The exception among {@code failure}'s causes, or null. */
    public static ClientBodyException in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientBodyException client) {
                return client;
            }
        }
        return null;
    }

}
