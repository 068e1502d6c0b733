package io.github.inceptioncam.imagej;

import org.scijava.Cancelable;
import org.scijava.command.Command;

/**
 * Base of the commands that can stop early: a failure cancels the run with its one-line reason (shown
 * by the framework, failing a macro) instead of throwing a stack trace at the user.
 */
abstract class CancelableCommand implements Command, Cancelable {
	private volatile String cancelReason;

	@Override
	public boolean isCanceled() {
		return cancelReason != null;
	}

	@Override
	public void cancel(String reason) {
		cancelReason = reason == null ? "canceled" : reason;
	}

	@Override
	public String getCancelReason() {
		return cancelReason;
	}
}
