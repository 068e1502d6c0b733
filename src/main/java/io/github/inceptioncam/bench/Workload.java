package io.github.inceptioncam.bench;

/** One timed unit of work: a batch through one engine. */
interface Workload {
	/** Processes one batch; returns the number of images done. */
	int run() throws Exception;

	/** Called once after the warm-up, before the measured rounds. */
	default void startMeasuring() {}
}
