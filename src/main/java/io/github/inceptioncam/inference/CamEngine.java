package io.github.inceptioncam.inference;

import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.repository.zoo.ZooModel;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.inceptioncam.model.HeadSearchResult;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelBytes;
import io.github.inceptioncam.model.ModelException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A CAM-ready model loaded into ONNX Runtime through DJL on the chosen device. Thread-safe; each
 * thread works through its own {@link CamSession}. Closing the engine while sessions are still open
 * (a cache evicting it while another thread classifies) releases the native model when the last of
 * them closes, never under a running inference.
 */
public final class CamEngine implements AutoCloseable {
	private final InceptionModel model;
	private final DeviceSelection device;
	private final ZooModel<InputBatch, RawOutputs> zoo;
	private final OrtSession.SessionOptions sessionOptions;
	private final EngineSettings settings;
	/** The many-class maps' matrix product, opened on first use; {@link #gemmFailed} when it cannot be. */
	private ClassMapGemm gemm;
	private OrtSession.SessionOptions gemmOptions;
	private boolean gemmFailed;
	private boolean closed;
	private final Object lock = new Object();
	private int openSessions;
	private boolean closeRequested;
	private boolean released;

	private CamEngine(InceptionModel model, DeviceSelection device, ZooModel<InputBatch, RawOutputs> zoo,
			OrtSession.SessionOptions sessionOptions, EngineSettings settings) {
		this.model = model;
		this.device = device;
		this.zoo = zoo;
		this.sessionOptions = sessionOptions;
		this.settings = settings;
	}

	/**
	 * Loads the model on the device the choice resolves to. With {@code auto}, a GPU session that
	 * fails to open falls back to the CPU with one log line.
	 */
	public static CamEngine load(InceptionModel model, DeviceChoice choice, Consumer<String> log)
			throws ModelException, DeviceException {
		return load(model, EngineSettings.of(choice), log);
	}

	/** As {@link #load(InceptionModel, DeviceChoice, Consumer)}, with threads and spinning as set. */
	public static CamEngine load(InceptionModel model, EngineSettings settings, Consumer<String> log)
			throws ModelException, DeviceException {
		DeviceSelection sel = DeviceSelector.select(settings.device(), log);
		try {
			return open(model, sel, settings);
		} catch (ModelException e) {
			if (!sel.isGpu() || settings.device() != DeviceChoice.AUTO) throw e;
			if (log != null) log.accept("device auto: using the CPU because the GPU session failed: " + e.getMessage());
			return open(model, DeviceSelector.select(DeviceChoice.CPU, null), settings);
		}
	}

	/** ONNX Runtime session options for the settings: intra-op threads, one inter-op thread, spinning. */
	public static OrtSession.SessionOptions sessionOptions(EngineSettings settings) throws OrtException {
		OrtSession.SessionOptions so = new OrtSession.SessionOptions();
		try {
			so.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
			so.setIntraOpNumThreads(settings.intraOpThreads());
			so.setInterOpNumThreads(1);
			so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			so.addConfigEntry("session.intra_op.allow_spinning", settings.spinning() ? "1" : "0");
			return so;
		} catch (OrtException e) {
			so.close();
			throw e;
		}
	}

	private static CamEngine open(InceptionModel model, DeviceSelection sel, EngineSettings settings) throws ModelException {
		OrtRuntime.configureDjl();
		HeadSearchResult head = model.head();
		List<String> wanted = new ArrayList<>();
		wanted.add(head.output());
		wanted.add(head.logitsTensor());
		if (head.hasCam()) wanted.add(head.head().featureTensor());
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		// Fiji's plugin class loader hides DJL's engine from ServiceLoader unless it is the context one.
		thread.setContextClassLoader(CamEngine.class.getClassLoader());
		OrtSession.SessionOptions so = null;
		Model m = null;
		ByteBuffer camReady = null;
		OrtSession session = null;
		try {
			so = sessionOptions(settings);
			m = Model.newInstance(model.displayName(), sel.device(), DeviceSelector.ENGINE);
			if (sel.isGpu()) CudaOptions.addTo(so, CudaOptions.throughput(sel.device().getDeviceId()));
			// The session is opened from our own off-heap copy of the rewritten model and handed to DJL
			// as the model's block: DJL's stream loading would copy the bytes onto the heap once more.
			camReady = model.camReadyBuffer();
			session = OrtRuntime.environment().createSession(camReady, so);
			ModelBytes.free(camReady); // ONNX Runtime keeps no reference to the bytes of an ONNX-format model
			camReady = null;
			m.setBlock(new OrtSymbolBlock(session, (OrtNDManager) m.getNDManager()));
			session = null; // owned by the model's block from here on
			ZooModel<InputBatch, RawOutputs> zoo = new ZooModel<>(m, new CamTranslator(wanted));
			return new CamEngine(model, sel, zoo, so, settings);
		} catch (EngineException | OrtException | IllegalArgumentException | ClassCastException e) {
			if (session != null) closeQuietly(session);
			if (m != null) m.close();
			if (so != null) so.close();
			Throwable root = e;
			while (root.getCause() != null && root.getCause() != root) root = root.getCause();
			String msg = root.getMessage() == null ? root.toString() : root.getMessage();
			throw new ModelException(model.displayName() + ": ONNX Runtime cannot load the model on " + sel.name() + " ("
				+ msg.replaceAll("\\s+", " ").trim() + "); check the export (opset, operators)");
		} finally {
			ModelBytes.free(camReady);
			thread.setContextClassLoader(previous);
		}
	}

	private static void closeQuietly(OrtSession s) {
		try {
			s.close();
		} catch (OrtException e) {
			// already failing: the first error is the one reported
		}
	}

	/**
	 * A new single-thread session able to run up to {@code maxBatch} images at once.
	 *
	 * @throws IllegalStateException when the engine was closed
	 */
	public CamSession newSession(int maxBatch) {
		int fixed = model.fixedBatch();
		int batch = fixed > 0 ? fixed : Math.max(1, maxBatch);
		synchronized (lock) {
			if (closeRequested) throw new IllegalStateException(model.displayName() + ": the engine was closed; load the model again");
			openSessions++;
		}
		try {
			return new CamSession(this, zoo.newPredictor(), batch, fixed > 0);
		} catch (RuntimeException | Error e) {
			sessionClosed();
			throw e;
		}
	}

	/** Called once by each session's close: the last one out releases a closed engine. */
	void sessionClosed() {
		synchronized (lock) {
			openSessions--;
			if (!closeRequested || openSessions > 0 || released) return;
			released = true;
		}
		release();
	}

	/** Sessions opened and not yet closed. */
	public int openSessions() {
		synchronized (lock) {
			return openSessions;
		}
	}

	/** True once the native model (ONNX Runtime session, DJL managers) has been released. */
	public boolean isReleased() {
		synchronized (lock) {
			return released;
		}
	}

	/**
	 * Tensors still held by DJL under this model's manager (every predictor's and every inference's
	 * sub-manager included): 0 between inferences when nothing leaks; -1 once released.
	 */
	public int managedArrays() {
		synchronized (lock) {
			if (released) return -1;
		}
		return zoo.getNDManager().getManagedArrays().size();
	}

	/**
	 * The matrix product that makes the maps of many classes of a linear head at once (on the CPU), or null
	 * when there are too few classes for it to pay, the head is not linear, or it could not be opened (the
	 * maps are then made in Java, with the same results up to single-precision rounding).
	 */
	synchronized ClassMapGemm classMapGemm(int classCount) {
		if (classCount < ClassMapGemm.MIN_CLASSES || gemmFailed || closed || !model.head().hasCam()
				|| model.head().head().kind() != io.github.inceptioncam.model.CamHead.Kind.LINEAR) {
			return null;
		}
		if (gemm == null) {
			try {
				gemmOptions = sessionOptions(settings); // threads and spinning only: a CPU session
				gemm = ClassMapGemm.open(model.head().head(), gemmOptions);
			} catch (OrtException | RuntimeException e) {
				gemmFailed = true;
				if (gemmOptions != null) gemmOptions.close();
				gemmOptions = null;
				return null;
			}
		}
		return gemm;
	}

	public InceptionModel model() {
		return model;
	}

	public DeviceSelection device() {
		return device;
	}

	/** The model's DJL manager: every predictor's and every inference's manager hangs under it (for leak checks). */
	ai.djl.ndarray.NDManager manager() {
		return zoo.getNDManager();
	}

	/** Closes the engine: now when no session is open, else when the last open session closes. Idempotent. */
	@Override
	public void close() {
		synchronized (lock) {
			if (closeRequested) return;
			closeRequested = true;
			if (openSessions > 0) return;
			released = true;
		}
		release();
	}

	private void release() {
		zoo.close();
		sessionOptions.close();
		synchronized (this) {
			closed = true;
			if (gemm != null) {
				try {
					gemm.close();
				} catch (OrtException e) {
					// closing: nothing left to do with it
				}
				gemm = null;
			}
			if (gemmOptions != null) gemmOptions.close();
			gemmOptions = null;
		}
	}
}
