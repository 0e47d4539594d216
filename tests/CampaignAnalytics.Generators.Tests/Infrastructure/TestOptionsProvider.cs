using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CampaignAnalytics.Generators.Tests.Infrastructure;

/// <summary>
/// What MSBuild hands the generator: global options (<c>build_property.*</c>) and per-AdditionalFile
/// options (<c>build_metadata.AdditionalFiles.*</c>), keyed by file path.
/// </summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private static readonly DictionaryOptions s_empty = new(new Dictionary<string, string>());
    private readonly IReadOnlyDictionary<string, DictionaryOptions> _perFile;

    public TestOptionsProvider(IReadOnlyDictionary<string, string>? global = null, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? perFile = null)
    {
        GlobalOptions = new DictionaryOptions(global ?? new Dictionary<string, string>());
        _perFile = (perFile ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
            .ToDictionary(p => p.Key, p => new DictionaryOptions(p.Value), StringComparer.Ordinal);
    }

    public static TestOptionsProvider Empty { get; } = new();

    /// <summary>Per-file namespace metadata, as <c>&lt;AdditionalFiles Include="..." CampaignAnalyticsNamespace="..." /&gt;</c> gives it.</summary>
    public static TestOptionsProvider WithFileNamespace(string path, string ns) => new(perFile: new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        [path] = new Dictionary<string, string> { ["build_metadata.AdditionalFiles." + SchemaGenerator.NamespaceProperty] = ns },
    });

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _perFile.TryGetValue(textFile.Path, out var options) ? options : s_empty;

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly IReadOnlyDictionary<string, string> _values;

        public DictionaryOptions(IReadOnlyDictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
