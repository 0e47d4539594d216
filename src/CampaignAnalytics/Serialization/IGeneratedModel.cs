using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CampaignAnalytics.Serialization;

/// <summary>
/// What every generated model is to the runtime: a reader over either <see cref="IJsonSource"/> and a writer, so that
/// the entry points, list reading and the <see cref="ModelConverter{TModel}"/> are written once here, not per type.
/// Public only so that code generated into other assemblies can implement it; not meant for direct use.
/// </summary>
/// <typeparam name="TSelf">The generated model.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedModel<TSelf>
    where TSelf : class, IGeneratedModel<TSelf>
{
    /// <summary>Reads one value: false only from the fast cursor, for anything it leaves to the full reader.</summary>
    /// <typeparam name="TSource">The source: the fast cursor or the full reader.</typeparam>
    /// <param name="source">The source, before the value.</param>
    /// <param name="value">The value read.</param>
    static abstract bool TryRead<TSource>(ref TSource source, [NotNullWhen(true)] out TSelf? value)
        where TSource : IJsonSource, allows ref struct;

    /// <summary>Writes this value as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    void WriteTo(Utf8JsonWriter writer);
}
