package io.github.inceptioncam.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.lang.reflect.Field;
import java.util.function.Consumer;

/**
 * Chooses CPU or CUDA for ONNX Runtime. {@code auto} first runs the cheap {@link GpuProbe}; only when
 * it passes is the CUDA provider actually tried (which extracts a large library), and a failure falls
 * back to the CPU with one log line. {@code gpu} fails with a message naming what is missing. The
 * answers are cached for the JVM.
 */
public final class DeviceSelector {
	public static final String ENGINE = "OnnxRuntime";
	private static volatile String cudaLoadError;
	private static volatile boolean cudaTried;

	private DeviceSelector() {}

	public static DeviceSelection select(DeviceChoice choice, Consumer<String> log) throws DeviceException {
		switch (choice) {
			case CPU:
				pinDjlDefaultToCpu();
				return new DeviceSelection(Device.cpu(), "cpu requested");
			case GPU: {
				GpuProbe probe = GpuProbe.get();
				if (!probe.usable()) throw new DeviceException("gpu requested but " + probe.reason() + "; use --device cpu or auto");
				String err = tryCuda();
				if (err != null) throw new DeviceException("gpu requested but ONNX Runtime's CUDA provider does not load: " + err);
				return new DeviceSelection(Device.gpu(0), "gpu requested: " + probe.reason());
			}
			default: {
				GpuProbe probe = GpuProbe.get();
				if (!probe.usable()) {
					pinDjlDefaultToCpu();
					logOnce(log, "device auto: using the CPU because " + probe.reason());
					return new DeviceSelection(Device.cpu(), probe.reason());
				}
				String err = tryCuda();
				if (err != null) {
					pinDjlDefaultToCpu();
					logOnce(log, "device auto: using the CPU because the CUDA provider does not load: " + err);
					return new DeviceSelection(Device.cpu(), "CUDA provider does not load: " + err);
				}
				return new DeviceSelection(Device.gpu(0), probe.reason());
			}
		}
	}

	private static volatile boolean logged;

	private static void logOnce(Consumer<String> log, String line) {
		if (!logged && log != null) {
			logged = true;
			log.accept(line);
		}
	}

	/** Tries to add the CUDA provider once per JVM; null when it loads, else the error. */
	public static synchronized String tryCuda() {
		if (!cudaTried) {
			cudaTried = true;
			OrtRuntime.environment();
			try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
				o.addCUDA(0);
				cudaLoadError = null;
			} catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
				cudaLoadError = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ").trim();
			}
		}
		return cudaLoadError;
	}

	/**
	 * DJL's engine asks, on its first use, whether CUDA works by trying to add the CUDA provider,
	 * which on a machine without CUDA costs seconds and a 583 MB extraction. When we already know the
	 * answer is the CPU, record it as the engine's default device so that trial never runs.
	 */
	static void pinDjlDefaultToCpu() {
		OrtRuntime.environment();
		try {
			Engine engine = Engine.getEngine(ENGINE);
			Field f = Engine.class.getDeclaredField("defaultDevice");
			f.setAccessible(true);
			if (f.get(engine) == null) f.set(engine, Device.cpu());
		} catch (ReflectiveOperationException | RuntimeException e) {
			// Only a speed-up: DJL then runs its own (slow) check.
		}
	}
}
