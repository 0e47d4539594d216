using System;

namespace CampaignAnalytics.Catalogue;

/// <summary>What kind of number a metric holds.</summary>
public enum MetricKind
{
    /// <summary>A whole-number count (JSON integer, <see cref="long"/> in the models).</summary>
    Count,

    /// <summary>A decimal amount such as revenue in US dollars (JSON number, <see cref="double"/> in the models).</summary>
    Amount,
}

/// <summary>
/// A named number the schema declares on a model: a JSON field (<c>sent</c>, <c>revenue</c>) or a
/// derived metric (<c>deliveries</c>). Reads its value from a model without reflection.
/// </summary>
/// <typeparam name="TModel">The model the metric is read from (<see cref="IVariation"/> or <see cref="IDailyDataPoint"/>).</typeparam>
public sealed class MetricDescriptor<TModel>
    where TModel : class
{
    private readonly Func<TModel, long?>? _count;
    private readonly Func<TModel, double?> _value;

    /// <summary>Creates a count metric.</summary>
    /// <param name="name">The JSON field name (or derived metric name), e.g. <c>unique_opens</c>.</param>
    /// <param name="propertyName">The C# property name on the model, e.g. <c>UniqueOpens</c>; null for a derived metric.</param>
    /// <param name="isRequired">Whether the schema requires the field.</param>
    /// <param name="description">The schema's description.</param>
    /// <param name="formula">For a derived metric, how it is computed (e.g. <c>delivered | sent - bounces</c>); else null.</param>
    /// <param name="getCount">Reads the count; null when the model does not carry it.</param>
    public MetricDescriptor(string name, string? propertyName, bool isRequired, string description, string? formula, Func<TModel, long?> getCount)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        PropertyName = propertyName;
        Kind = MetricKind.Count;
        IsRequired = isRequired;
        Description = description ?? string.Empty;
        Formula = formula;
        _count = getCount ?? throw new ArgumentNullException(nameof(getCount));
        _value = m => (double?)getCount(m);
    }

    /// <summary>Creates an amount metric.</summary>
    /// <param name="name">The JSON field name, e.g. <c>revenue</c>.</param>
    /// <param name="propertyName">The C# property name on the model.</param>
    /// <param name="isRequired">Whether the schema requires the field.</param>
    /// <param name="description">The schema's description.</param>
    /// <param name="getAmount">Reads the amount; null when the model does not carry it.</param>
    public MetricDescriptor(string name, string? propertyName, bool isRequired, string description, Func<TModel, double?> getAmount)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        PropertyName = propertyName;
        Kind = MetricKind.Amount;
        IsRequired = isRequired;
        Description = description ?? string.Empty;
        _value = getAmount ?? throw new ArgumentNullException(nameof(getAmount));
    }

    /// <summary>The JSON field name, or the derived metric's name.</summary>
    public string Name { get; }

    /// <summary>The C# property name on the model; null for a derived metric.</summary>
    public string? PropertyName { get; }

    /// <summary>Whether the metric is a count or an amount.</summary>
    public MetricKind Kind { get; }

    /// <summary>Whether the schema requires the field (false: absent and zero are different).</summary>
    public bool IsRequired { get; }

    /// <summary>The schema's description of the metric.</summary>
    public string Description { get; }

    /// <summary>For a derived metric, its formula as written in the schema; null for a field.</summary>
    public string? Formula { get; }

    /// <summary>True when the metric is computed from other metrics rather than read from a field.</summary>
    public bool IsDerived => Formula is not null;

    /// <summary>Reads a count; null when absent. Throws <see cref="InvalidOperationException"/> for an amount metric.</summary>
    /// <param name="model">The model to read from.</param>
    public long? GetCount(TModel model) =>
        _count is null ? throw new InvalidOperationException($"Metric '{Name}' is an amount, not a count.") : _count(model);

    /// <summary>Reads the value as a double (counts converted); null when absent.</summary>
    /// <param name="model">The model to read from.</param>
    public double? GetValue(TModel model) => _value(model);

    /// <inheritdoc />
    public override string ToString() => Name;
}
