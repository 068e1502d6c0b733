package io.github.inceptioncam.inference;

import java.util.Objects;

/**
 * How an engine runs: the device asked for, the number of intra-op threads ONNX Runtime uses for one
 * inference (0: every available processor), and whether its worker threads spin while waiting for
 * work. Inter-op parallelism is always 1 (Inception graphs are a chain of blocks; parallel branches
 * only compete with the intra-op threads for the same cores). Immutable.
 */
public final class EngineSettings {
	/**
	 * Spinning default, decided by measurement (docs/BENCHMARKS.md, "thread spinning"): off. On a quiet
	 * 2-core machine spinning gains a few percent per inference; as soon as anything else runs on the
	 * cores (our own decode and writer threads, Fiji's GUI, another job) spinning workers steal the
	 * cycles they wait for and cost far more.
	 */
	public static final boolean DEFAULT_SPINNING = false;

	private final DeviceChoice device;
	private final int threads;
	private final boolean spinning;

	private EngineSettings(DeviceChoice device, int threads, boolean spinning) {
		if (threads < 0) throw new IllegalArgumentException("threads must be 0 (all processors) or more, not " + threads);
		this.device = Objects.requireNonNull(device);
		this.threads = threads;
		this.spinning = spinning;
	}

	/** The defaults for a device: every available processor, no spinning. */
	public static EngineSettings of(DeviceChoice device) {
		return new EngineSettings(device, 0, DEFAULT_SPINNING);
	}

	/** The same settings with {@code n} intra-op threads (0: every available processor). */
	public EngineSettings withThreads(int n) {
		return new EngineSettings(device, n, spinning);
	}

	public EngineSettings withSpinning(boolean on) {
		return new EngineSettings(device, threads, on);
	}

	public DeviceChoice device() {
		return device;
	}

	/** The thread count as asked for: 0 means every available processor. */
	public int threads() {
		return threads;
	}

	/** The intra-op thread count actually used. */
	public int intraOpThreads() {
		return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
	}

	public boolean spinning() {
		return spinning;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof EngineSettings)) return false;
		EngineSettings s = (EngineSettings) o;
		return device == s.device && intraOpThreads() == s.intraOpThreads() && spinning == s.spinning;
	}

	@Override
	public int hashCode() {
		return Objects.hash(device, intraOpThreads(), spinning);
	}

	@Override
	public String toString() {
		return device.name().toLowerCase() + ", " + intraOpThreads() + " thread" + (intraOpThreads() == 1 ? "" : "s")
			+ (spinning ? ", spinning" : "");
	}
}
