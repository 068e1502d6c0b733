package io.github.inceptioncam.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * Chooses CPU or CUDA for ONNX Runtime. {@code auto} first runs the cheap {@link GpuProbe} and checks that
 * the loaded ONNX Runtime has the CUDA provider (the {@link GpuPack} is active); only when both pass is the
 * CUDA provider actually tried, and a failure falls back to the CPU with one log line. {@code gpu} fails with a message naming what is missing. The
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
				String missing = gpuMissing();
				if (missing != null) throw new DeviceException("gpu requested but " + missing + "; use --device cpu or auto");
				String err = tryCuda();
				if (err != null) throw new DeviceException("gpu requested but ONNX Runtime's CUDA provider does not load: " + err);
				return new DeviceSelection(Device.gpu(0), "gpu requested: " + GpuProbe.get().reason());
			}
			default: {
				String why = autoCpuReason();
				if (why != null) {
					pinDjlDefaultToCpu();
					logOnce(log, "device auto: using the CPU because " + why);
					return new DeviceSelection(Device.cpu(), why);
				}
				String err = tryCuda();
				if (err != null) {
					pinDjlDefaultToCpu();
					logOnce(log, "device auto: using the CPU because the CUDA provider does not load: " + err);
					return new DeviceSelection(Device.cpu(), "CUDA provider does not load: " + err);
				}
				return new DeviceSelection(Device.gpu(0), GpuProbe.get().reason());
			}
		}
	}

	/** Whether the ONNX Runtime loaded in this JVM has the CUDA provider (the GPU pack is active). */
	public static boolean cudaBuildLoaded() {
		OrtRuntime.environment();
		return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
	}

	/** Why {@code --device gpu} cannot work here, or null when the CUDA provider is worth trying. */
	static String gpuMissing() {
		GpuProbe probe = GpuProbe.get();
		if (!cudaBuildLoaded()) return probe.usable() ? packReason() : packReason() + "; also " + probe.reason();
		return probe.usable() ? null : probe.reason();
	}

	/** Why {@code --device auto} uses the CPU without trying CUDA, or null when CUDA is worth trying. */
	static String autoCpuReason() {
		GpuProbe probe = GpuProbe.get();
		if (!probe.usable()) return probe.reason();
		if (!cudaBuildLoaded()) return packReason();
		return null;
	}

	/** Why the loaded ONNX Runtime has no CUDA provider: no pack, a pack installed too late, ... */
	static String packReason() {
		String userPath = System.getProperty(GpuPack.NATIVE_PATH_PROPERTY);
		if (userPath != null && GpuPack.activatedFolder() == null) {
			return "the ONNX Runtime natives in " + userPath + " (" + GpuPack.NATIVE_PATH_PROPERTY + ") have no CUDA provider";
		}
		if (GpuPack.activatedFolder() != null) return "the GPU pack in " + GpuPack.activatedFolder() + " has no CUDA provider: reinstall it with gpu install";
		GpuPack pack;
		try {
			pack = GpuPack.forUser();
		} catch (RuntimeException e) {
			return "ONNX Runtime's CUDA provider is not available (" + e.getMessage() + ")";
		}
		String problem = pack.problem();
		if (problem == null) return "the GPU pack in " + pack.folder() + " was installed after ONNX Runtime started: restart Fiji (or the program) to activate it";
		if (!Files.exists(pack.folder())) return "the GPU pack is not installed: " + INSTALL_HINT;
		return problem + ": " + INSTALL_HINT;
	}

	/** How to install the GPU pack, for messages. */
	public static final String INSTALL_HINT = "run 'java -jar inception-cam-cli.jar gpu install' "
		+ "(in Fiji: Plugins > Inception CAM > Install GPU Support...)";

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
