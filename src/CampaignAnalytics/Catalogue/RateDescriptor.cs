using System;

namespace CampaignAnalytics.Catalogue;

/// <summary>
/// A rate the schema declares for a channel: numerator metric over denominator metric. Over any
/// grouping the rate is the sum of numerators over the sum of denominators; a zero denominator has no rate.
/// </summary>
/// <typeparam name="TModel">The model both metrics are read from.</typeparam>
public sealed class RateDescriptor<TModel>
    where TModel : class
{
    /// <summary>Creates a rate.</summary>
    /// <param name="name">The rate's name, e.g. <c>UniqueClickRate</c>.</param>
    /// <param name="description">The schema's description.</param>
    /// <param name="numerator">The metric counted as successes.</param>
    /// <param name="denominator">The metric counted as trials.</param>
    public RateDescriptor(string name, string description, MetricDescriptor<TModel> numerator, MetricDescriptor<TModel> denominator)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Description = description ?? string.Empty;
        Numerator = numerator ?? throw new ArgumentNullException(nameof(numerator));
        Denominator = denominator ?? throw new ArgumentNullException(nameof(denominator));
    }

    /// <summary>The rate's name, e.g. <c>UniqueClickRate</c>.</summary>
    public string Name { get; }

    /// <summary>The schema's description.</summary>
    public string Description { get; }

    /// <summary>The metric counted as successes.</summary>
    public MetricDescriptor<TModel> Numerator { get; }

    /// <summary>The metric counted as trials.</summary>
    public MetricDescriptor<TModel> Denominator { get; }

    /// <summary>The rate of one model: null when either side is absent or the denominator is zero.</summary>
    /// <param name="model">The model to read from.</param>
    public double? Evaluate(TModel model)
    {
        var num = Numerator.GetValue(model);
        var den = Denominator.GetValue(model);
        return num is null || den is null || den.Value == 0 ? null : num.Value / den.Value;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} = {Numerator.Name} / {Denominator.Name}";
}
