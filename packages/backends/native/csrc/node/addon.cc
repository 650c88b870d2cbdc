// N-API surface of the addon: a single-run trainer, a multi-run batch and a few probes.
// The TypeScript side (src/addon.ts) describes these objects; conversions from core's Params
// and Dataset happen there, so this file only checks and copies typed arrays (the run itself is
// checked by core/plan.cc, shared with the WebAssembly build).

#include <napi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "dispatch.h"
#include "pool.h"
#include "run.h"
#include "stepper.h"

namespace geneft {

namespace {

int32_t intField(const Napi::Object& o, const char* key) {
  const Napi::Value v = o.Get(key);
  if (!v.IsNumber()) throw Napi::TypeError::New(o.Env(), std::string("spec.") + key + " must be a number");
  return v.As<Napi::Number>().Int32Value();
}

double numField(const Napi::Object& o, const char* key) {
  const Napi::Value v = o.Get(key);
  if (!v.IsNumber()) throw Napi::TypeError::New(o.Env(), std::string("spec.") + key + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

template <class T, napi_typedarray_type kType>
Napi::TypedArrayOf<T> typedArray(const Napi::Value& v, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != kType)
    throw Napi::TypeError::New(v.Env(), std::string(what) + " has the wrong array type");
  return v.As<Napi::TypedArrayOf<T>>();
}

template <class T, napi_typedarray_type kType>
std::vector<T> copyField(const Napi::Object& o, const char* key) {
  const auto a = typedArray<T, kType>(o.Get(key), (std::string("spec.") + key).c_str());
  return std::vector<T>(a.Data(), a.Data() + a.ElementLength());
}

RunSpec parseSpec(const Napi::Value& value) {
  if (!value.IsObject()) throw Napi::TypeError::New(value.Env(), "run spec must be an object");
  const Napi::Object o = value.As<Napi::Object>();
  RunSpec s;
  s.n = intField(o, "n");
  s.dim = intField(o, "dim");
  s.feature = intField(o, "feature");
  s.threshold = static_cast<float>(numField(o, "threshold"));
  s.activation = intField(o, "activation");
  s.layers = copyField<int32_t, napi_int32_array>(o, "layers");
  s.hyper.optimizer = intField(o, "optimizer");
  s.hyper.loss = intField(o, "loss");
  s.hyper.lrEncoder = numField(o, "lrEncoder");
  s.hyper.lrDecoder = numField(o, "lrDecoder");
  s.hyper.wdEncoder = numField(o, "weightDecayEncoder");
  s.hyper.wdDecoder = numField(o, "weightDecayDecoder");
  s.hyper.beta1 = numField(o, "beta1");
  s.hyper.beta2 = numField(o, "beta2");
  s.hyper.eps = numField(o, "eps");
  s.hyper.momentum = numField(o, "momentum");
  s.train = copyField<int32_t, napi_int32_array>(o, "train");
  s.labels = copyField<uint8_t, napi_uint8_array>(o, "labels");
  s.params = copyField<float, napi_float32_array>(o, "params");
  return s;
}

std::unique_ptr<Run> makeRun(const Napi::Env& env, const Napi::Value& spec) {
  RunSpec parsed = parseSpec(spec);
  try {
    return std::make_unique<Run>(parsed);
  } catch (const std::invalid_argument& e) {
    throw Napi::RangeError::New(env, e.what());
  }
}

const KernelTable* kernelsOption(const Napi::Env& env, const Napi::Value& isa) {
  const std::string name = isa.IsString() ? isa.As<Napi::String>().Utf8Value() : "auto";
  try {
    return kernelsFor(name);
  } catch (const std::invalid_argument& e) {
    throw Napi::Error::New(env, e.what());
  }
}

int64_t stepCount(const Napi::Value& v) {
  if (!v.IsNumber()) throw Napi::TypeError::New(v.Env(), "k must be a number");
  const double k = v.As<Napi::Number>().DoubleValue();
  if (!(k >= 0) || k != std::floor(k) || k > 9.0e15) throw Napi::RangeError::New(v.Env(), "k must be a non-negative integer");
  return static_cast<int64_t>(k);
}

// ---------------------------------------------------------------------------------------------

/** One run, advanced synchronously on the calling thread. */
class NativeTrainer : public Napi::ObjectWrap<NativeTrainer> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativeTrainer",
                       {InstanceMethod<&NativeTrainer::Step>("step"),
                        InstanceMethod<&NativeTrainer::Predict>("predict"),
                        InstanceMethod<&NativeTrainer::ReadParams>("readParams"),
                        InstanceMethod<&NativeTrainer::WriteParams>("writeParams"),
                        InstanceMethod<&NativeTrainer::Dispose>("dispose"),
                        InstanceAccessor<&NativeTrainer::Steps>("steps"),
                        InstanceAccessor<&NativeTrainer::Threads>("threads"),
                        InstanceAccessor<&NativeTrainer::Isa>("isa")});
  }

  explicit NativeTrainer(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeTrainer>(info) {
    kernels_ = kernelsOption(info.Env(), info[1]);
    run_ = makeRun(info.Env(), info[0]);
    const int threads = info[2].IsNumber() ? std::max(1, info[2].As<Napi::Number>().Int32Value()) : 1;
    stepper_ = std::make_unique<RunStepper>(kernels_, run_.get(), threads);
  }

 private:
  Run& live(const Napi::Env& env) {
    if (!run_) throw Napi::Error::New(env, "trainer has been disposed");
    return *run_;
  }

  Napi::Value Step(const Napi::CallbackInfo& info) {
    Run& run = live(info.Env());
    const int64_t k = stepCount(info[0]);
    if (k == 0) return Napi::Number::New(info.Env(), NAN);
    (void)run;
    return Napi::Number::New(info.Env(), stepper_->step(k));
  }

  Napi::Value Predict(const Napi::CallbackInfo& info) {
    Run& run = live(info.Env());
    auto out = typedArray<double, napi_float64_array>(info[0], "predict output");
    const int64_t pairs = static_cast<int64_t>(run.state()->n) * run.state()->n;
    if (static_cast<int64_t>(out.ElementLength()) != pairs) throw Napi::RangeError::New(info.Env(), "predict output must have n² entries");
    kernels_->predict(run.state(), stepper_->scratch(), out.Data());
    return info.Env().Undefined();
  }

  Napi::Value ReadParams(const Napi::CallbackInfo& info) {
    Run& run = live(info.Env());
    auto out = typedArray<float, napi_float32_array>(info[0], "parameter array");
    if (static_cast<int64_t>(out.ElementLength()) != run.packedSize()) throw Napi::RangeError::New(info.Env(), "parameter array has the wrong length");
    run.readPacked(out.Data());
    return info.Env().Undefined();
  }

  Napi::Value WriteParams(const Napi::CallbackInfo& info) {
    Run& run = live(info.Env());
    auto in = typedArray<float, napi_float32_array>(info[0], "parameter array");
    if (static_cast<int64_t>(in.ElementLength()) != run.packedSize()) throw Napi::RangeError::New(info.Env(), "parameter array has the wrong length");
    run.writePacked(in.Data());
    return info.Env().Undefined();
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    stepper_.reset();
    run_.reset();
    return info.Env().Undefined();
  }

  Napi::Value Steps(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), run_ ? static_cast<double>(run_->state()->t) : 0.0);
  }

  Napi::Value Isa(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), kernels_->name); }

  Napi::Value Threads(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), stepper_ ? stepper_->threads() : 0);
  }

  const KernelTable* kernels_ = nullptr;
  std::unique_ptr<Run> run_;
  std::unique_ptr<RunStepper> stepper_;
};

// ---------------------------------------------------------------------------------------------

/** Many independent runs, advanced together across a thread pool. */
class NativeBatch : public Napi::ObjectWrap<NativeBatch> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "NativeBatch",
                       {InstanceMethod<&NativeBatch::Step>("step"),
                        InstanceMethod<&NativeBatch::StepSync>("stepSync"),
                        InstanceMethod<&NativeBatch::Predict>("predict"),
                        InstanceMethod<&NativeBatch::ReadParams>("readParams"),
                        InstanceMethod<&NativeBatch::Deactivate>("deactivate"),
                        InstanceMethod<&NativeBatch::Dispose>("dispose"),
                        InstanceAccessor<&NativeBatch::Size>("size"),
                        InstanceAccessor<&NativeBatch::Threads>("threads"),
                        InstanceAccessor<&NativeBatch::Isa>("isa")});
  }

  explicit NativeBatch(const Napi::CallbackInfo& info) : Napi::ObjectWrap<NativeBatch>(info) {
    const Napi::Env env = info.Env();
    if (!info[0].IsArray()) throw Napi::TypeError::New(env, "specs must be an array");
    kernels_ = kernelsOption(env, info[2]);
    const Napi::Array specs = info[0].As<Napi::Array>();
    for (uint32_t i = 0; i < specs.Length(); i++) runs_.push_back(makeRun(env, specs.Get(i)));
    int threads = info[1].IsNumber() ? info[1].As<Napi::Number>().Int32Value() : 0;
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    threads = std::max(1, std::min(threads, static_cast<int>(std::max<size_t>(1, runs_.size()))));
    pool_ = std::make_unique<ThreadPool>(threads);
    scratch_.resize(threads);
    int64_t need = 0;
    for (const auto& r : runs_) need = std::max(need, kernels_->scratchFloats(r->state()));
    for (ScratchBuffer& s : scratch_) s.reserve(need);
    active_.assign(runs_.size(), 1);
    losses_.assign(runs_.size(), NAN);
  }

  /** Advances the active runs by k steps on the pool (called off the JS thread by Step). */
  void Advance(int64_t k) {
    std::vector<int> order;
    for (size_t i = 0; i < runs_.size(); i++)
      if (active_[i]) order.push_back(static_cast<int>(i));
    // Longest first, so unequal runs still balance across threads.
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) { return runs_[a]->cost() > runs_[b]->cost(); });
    if (k == 0) return;
    pool_->run(static_cast<int>(order.size()), [&](int task, int worker) {
      const int i = order[task];
      losses_[i] = kernels_->trainSteps(runs_[i]->state(), scratch_[worker].get(), k);
    });
  }

  Napi::Float64Array Losses(const Napi::Env& env) const {
    Napi::Float64Array out = Napi::Float64Array::New(env, losses_.size());
    std::copy(losses_.begin(), losses_.end(), out.Data());
    return out;
  }

  void Release() { busy_.store(false); }

 private:
  class StepWorker : public Napi::AsyncWorker {
   public:
    StepWorker(NativeBatch* batch, const Napi::Object& self, int64_t k)
        : Napi::AsyncWorker(self.Env(), "geneft:native-batch-step"),
          batch_(batch),
          self_(Napi::Persistent(self)),
          k_(k),
          deferred_(Napi::Promise::Deferred::New(self.Env())) {}

    Napi::Promise Promise() const { return deferred_.Promise(); }

    void Execute() override {
      try {
        batch_->Advance(k_);
      } catch (const std::exception& e) {
        SetError(e.what());
      }
    }
    void OnOK() override {
      batch_->Release();
      deferred_.Resolve(batch_->Losses(Env()));
    }
    void OnError(const Napi::Error& e) override {
      batch_->Release();
      deferred_.Reject(e.Value());
    }

   private:
    NativeBatch* batch_;
    Napi::ObjectReference self_;  // keeps the batch alive while the step runs
    int64_t k_;
    Napi::Promise::Deferred deferred_;
  };

  void acquire(const Napi::Env& env) {
    if (disposed_) throw Napi::Error::New(env, "batch trainer has been disposed");
    bool expected = false;
    if (!busy_.compare_exchange_strong(expected, true))
      throw Napi::Error::New(env, "batch trainer is busy: await the previous step() first");
  }

  void idle(const Napi::Env& env) {
    if (disposed_) throw Napi::Error::New(env, "batch trainer has been disposed");
    if (busy_.load()) throw Napi::Error::New(env, "batch trainer is busy: await the previous step() first");
  }

  Run& runAt(const Napi::Env& env, const Napi::Value& index) {
    if (!index.IsNumber()) throw Napi::TypeError::New(env, "index must be a number");
    const int64_t i = index.As<Napi::Number>().Int64Value();
    if (i < 0 || i >= static_cast<int64_t>(runs_.size())) throw Napi::RangeError::New(env, "run index out of range");
    return *runs_[i];
  }

  Napi::Value Step(const Napi::CallbackInfo& info) {
    const int64_t k = stepCount(info[0]);
    acquire(info.Env());
    auto* worker = new StepWorker(this, info.This().As<Napi::Object>(), k);
    Napi::Promise promise = worker->Promise();
    worker->Queue();
    return promise;
  }

  Napi::Value StepSync(const Napi::CallbackInfo& info) {
    const int64_t k = stepCount(info[0]);
    acquire(info.Env());
    try {
      Advance(k);
    } catch (...) {
      Release();
      throw;
    }
    Release();
    return Losses(info.Env());
  }

  Napi::Value Predict(const Napi::CallbackInfo& info) {
    idle(info.Env());
    Run& run = runAt(info.Env(), info[0]);
    auto out = typedArray<double, napi_float64_array>(info[1], "predict output");
    const int64_t pairs = static_cast<int64_t>(run.state()->n) * run.state()->n;
    if (static_cast<int64_t>(out.ElementLength()) != pairs) throw Napi::RangeError::New(info.Env(), "predict output must have n² entries");
    kernels_->predict(run.state(), scratch_[0].get(), out.Data());
    return info.Env().Undefined();
  }

  Napi::Value ReadParams(const Napi::CallbackInfo& info) {
    idle(info.Env());
    Run& run = runAt(info.Env(), info[0]);
    auto out = typedArray<float, napi_float32_array>(info[1], "parameter array");
    if (static_cast<int64_t>(out.ElementLength()) != run.packedSize()) throw Napi::RangeError::New(info.Env(), "parameter array has the wrong length");
    run.readPacked(out.Data());
    return info.Env().Undefined();
  }

  Napi::Value Deactivate(const Napi::CallbackInfo& info) {
    idle(info.Env());
    runAt(info.Env(), info[0]);
    active_[info[0].As<Napi::Number>().Int64Value()] = 0;
    return info.Env().Undefined();
  }

  Napi::Value Dispose(const Napi::CallbackInfo& info) {
    idle(info.Env());
    disposed_ = true;
    pool_.reset();
    runs_.clear();
    scratch_.clear();
    return info.Env().Undefined();
  }

  Napi::Value Size(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), static_cast<double>(losses_.size())); }
  Napi::Value Threads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), pool_ ? pool_->size() : 0); }
  Napi::Value Isa(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), kernels_->name); }

  const KernelTable* kernels_ = nullptr;
  std::vector<std::unique_ptr<Run>> runs_;
  std::vector<ScratchBuffer> scratch_;
  std::vector<uint8_t> active_;
  std::vector<double> losses_;
  std::unique_ptr<ThreadPool> pool_;
  std::atomic<bool> busy_{false};
  bool disposed_ = false;
};

// ---------------------------------------------------------------------------------------------

Napi::Value SupportedIsas(const Napi::CallbackInfo& info) {
  const std::vector<std::string> names = supportedIsas();
  Napi::Array out = Napi::Array::New(info.Env(), names.size());
  for (size_t i = 0; i < names.size(); i++) out.Set(static_cast<uint32_t>(i), names[i]);
  return out;
}

Napi::Value DefaultIsa(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), kernelsFor("auto")->name); }

/** Peak single-thread FMA throughput of a kernel set: { flops, seconds }. */
Napi::Value MeasurePeak(const Napi::CallbackInfo& info) {
  const KernelTable* k = kernelsOption(info.Env(), info[0]);
  const double iterations = info[1].IsNumber() ? info[1].As<Napi::Number>().DoubleValue() : 2e7;
  const auto start = std::chrono::steady_clock::now();
  const double flops = k->fmaLoop(static_cast<int64_t>(iterations));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("flops", flops);
  out.Set("seconds", seconds);
  return out;
}

Napi::Value HardwareConcurrency(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), std::max(1u, std::thread::hardware_concurrency()));
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("NativeTrainer", NativeTrainer::Define(env));
  exports.Set("NativeBatch", NativeBatch::Define(env));
  exports.Set("supportedIsas", Napi::Function::New<SupportedIsas>(env, "supportedIsas"));
  exports.Set("defaultIsa", Napi::Function::New<DefaultIsa>(env, "defaultIsa"));
  exports.Set("measurePeak", Napi::Function::New<MeasurePeak>(env, "measurePeak"));
  exports.Set("hardwareConcurrency", Napi::Function::New<HardwareConcurrency>(env, "hardwareConcurrency"));
  return exports;
}

}  // namespace

}  // namespace geneft

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return geneft::Init(env, exports); }

NODE_API_MODULE(geneft_native, InitModule)
