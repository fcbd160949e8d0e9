/// Every stream's state, found by comparing again with each diverged stream left out.
///
/// A comparison reports the first divergence in time and then only collects its context, so one run says
/// nothing about the streams after it. `explore` takes that verdict and reruns the comparison (`rerun`, a
/// fresh comparison of the same two runs under a narrower `ComparisonScope`) with the diverged stream left out,
/// until a run ends without a divergence; at most one rerun per stream, plus one for the schedule's values:
/// when the schedule diverges it is first compared again without the lr and momentum values, which tells a
/// schedule whose values alone differ (same iterations, epochs and optimizer steps) from one whose structure
/// differs. When only the values differ, one more run with `ignoreLrScale` tells whether they differ by a
/// constant lr factor per param group. Reruns are made only for runs that diverged: an equivalent proof costs
/// nothing more.
public enum StreamStates {
    /// The states of every stream, in `ComparedStream` order. `first` is the verdict of the comparison under
    /// `scope`; `legacyLogs` whether the legacy run had a logger hook.
    public static func explore(first: EquivalenceVerdict, scope: ComparisonScope, legacyLogs: Bool,
                               rerun: (ComparisonScope) throws -> EquivalenceVerdict) rethrows -> [StreamState] {
        var states: [ComparedStream: StreamState] = [:]
        var current = first
        var narrowed = scope
        var valuesLeftOut = false
        for _ in 0...(ComparedStream.allCases.count + 1) {
            guard let divergence = current.divergence, let stream = ComparedStream(name: divergence.stream) else { break }
            if states[stream] == nil {
                states[stream] = StreamState(stream: stream, status: .differs, detail: divergence.diff.divergence?.reason,
                                             divergence: divergence.diff.divergence)
            }
            if stream == .schedule, narrowed.scheduleValues {
                narrowed.scheduleValues = false
                valuesLeftOut = true
            } else {
                narrowed.uncompared.insert(stream)
            }
            current = try rerun(narrowed)
        }
        if let divergence = current.divergence, let stream = ComparedStream(name: divergence.stream), states[stream] == nil {
            states[stream] = StreamState(stream: stream, status: .differs, detail: divergence.diff.divergence?.reason, divergence: divergence.diff.divergence)
        }
        if valuesLeftOut, !narrowed.uncompared.contains(.schedule), var schedule = states[.schedule] {
            // The schedule matched without its values: only the lr or momentum differ.
            var detail = "the lr or momentum values differ (\(schedule.detail ?? "")); iterations, epochs and optimizer steps match"
            if !scope.ignoreLrScale {
                var probe = scope
                probe.ignoreLrScale = true
                probe.uncompared = Set(ComparedStream.allCases.filter { $0 != .schedule })
                let scaled = try rerun(probe)
                if scaled.divergence == nil, scaled.lrFactors.contains(where: { $0 != nil }) {
                    detail += "; equal up to a constant lr factor (" + factorText(scaled.lrFactors)
                        + "): if the lr was changed on purpose (a batch-size-scaled lr), --ignore-lr-scale compares its shape"
                }
            }
            schedule.detail = detail
            states[.schedule] = schedule
        } else if var schedule = states[.schedule], narrowed.uncompared.contains(.schedule) {
            schedule.detail = (schedule.detail ?? "") + "; the runs do not train the same iterations, epochs or optimizer steps"
            states[.schedule] = schedule
        }
        return ComparedStream.allCases.map { stream in
            if let state = states[stream] { return state }
            let rules = current.rulesUsed.filter { $0.key.stream == stream }
            if stream == .logs, !legacyLogs { return logsSetAside(rules: rules) }
            let events = current.streamEvents.indices.contains(stream.rawValue) ? current.streamEvents[stream.rawValue] : (legacy: 0, new: 0)
            if !rules.isEmpty { return StreamState(stream: stream, status: .equalUnderRules, rules: rules) }
            return StreamState(stream: stream, status: .equal, detail: events.legacy + events.new == 0 ? "none in either run" : nil)
        }
    }

    /// The states one comparison tells, with no rerun: the stream that diverged first differs, every other
    /// stream is "not compared" (its events after the divergence were not matched), except the logs of a
    /// legacy run with no logger hook, which are set aside as always (R9).
    public static func first(_ verdict: EquivalenceVerdict, legacyLogs: Bool) -> [StreamState] {
        let diverged = verdict.divergence.flatMap { ComparedStream(name: $0.stream) }
        return ComparedStream.allCases.map { stream in
            if stream == diverged, let divergence = verdict.divergence {
                return StreamState(stream: stream, status: .differs, detail: divergence.diff.divergence?.reason, divergence: divergence.diff.divergence)
            }
            if stream == .logs, !legacyLogs { return logsSetAside(rules: [:]) }
            return StreamState(stream: stream, status: .notCompared, detail: "not compared past the first divergence (in \(diverged?.name ?? "another stream"))")
        }
    }

    /// The logs of a legacy run with no logger hook: it wrote no records, and R9 sets the new run's aside.
    static func logsSetAside(rules: [EquivalenceRule: Int]) -> StreamState {
        StreamState(stream: .logs, status: .notCompared, rules: rules,
                    detail: "the legacy config registers no logger hook, so it wrote no records; the new run's are set aside (R9)")
    }

    /// `group 0 ×0.5, group 1 ×0.5`: the factors found (new lr / legacy lr).
    public static func factorText(_ factors: [Double?]) -> String {
        factors.enumerated().compactMap { index, factor in factor.map { "group \(index) ×\(TraceCodec.number($0))" } }.joined(separator: ", ")
    }
}
