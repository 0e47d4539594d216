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
    /// <param name="isProportion">
    /// True (the default) when the numerator counts a subset of the denominator on every element, so that an element
    /// whose numerator exceeds its denominator cannot be right; false for ratios that may exceed 1 (total opens per
    /// delivery, conversions attributed to the day they happened). The schema says which with <c>"proportion"</c>.
    /// </param>
    /// <param name="guardrail">
    /// The direction in which the rate must not move for a variation to be shipped (an unsubscribe or spam rate is
    /// <see cref="GuardrailDirection.LowerIsBetter"/>), or null (the default) for a rate that is no guardrail. The
    /// schema says which with <c>"guardrail"</c>.
    /// </param>
    public RateDescriptor(string name, string description, MetricDescriptor<TModel> numerator, MetricDescriptor<TModel> denominator, bool isProportion = true, GuardrailDirection? guardrail = null)
    {
        if (guardrail is not (null or GuardrailDirection.LowerIsBetter or GuardrailDirection.HigherIsBetter))
        {
            throw new ArgumentOutOfRangeException(nameof(guardrail), guardrail, "Unknown guardrail direction.");
        }

        IsProportion = isProportion;
        Guardrail = guardrail;
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

    /// <summary>
    /// Whether the numerator counts a subset of the denominator on every element (a unique click is one of the
    /// deliveries), so that one element with more of the numerator than of the denominator cannot be right.
    /// False for ratios that may exceed 1.
    /// </summary>
    public bool IsProportion { get; }

    /// <summary>
    /// Which way the rate is better when it is a guardrail (checked beside the compared rate: a variation that makes it
    /// worse is named in the verdict), or null for a rate that is no guardrail.
    /// </summary>
    public GuardrailDirection? Guardrail { get; }

    /// <summary>
    /// Whether one element's counts can be right for this rate: always for a ratio; for a proportion, when the
    /// numerator is at most the denominator. Rates, comparisons and <see cref="Evaluate"/> leave out elements that
    /// fail it (and the command line says so), rather than report a proportion above 1.
    /// </summary>
    /// <param name="numerator">The element's numerator.</param>
    /// <param name="denominator">The element's denominator.</param>
    public bool Admits(double numerator, double denominator) => !IsProportion || numerator <= denominator;

    /// <summary>
    /// The rate of one model: null when either side is absent, the denominator is zero, or the counts cannot be right
    /// (<see cref="Admits"/>).
    /// </summary>
    /// <param name="model">The model to read from.</param>
    public double? Evaluate(TModel model)
    {
        var num = Numerator.GetValue(model);
        var den = Denominator.GetValue(model);
        return num is null || den is null || den.Value == 0 || !Admits(num.Value, den.Value) ? null : num.Value / den.Value;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} = {Numerator.Name} / {Denominator.Name}";
}

/// <summary>Which way a guardrail rate is better (<c>"guardrail"</c> of an <c>x-rates</c> entry).</summary>
public enum GuardrailDirection
{
    /// <summary><c>lower-is-better</c>: a rise is harm (unsubscribes, spam reports, bounces).</summary>
    LowerIsBetter = 0,

    /// <summary><c>higher-is-better</c>: a fall is harm (deliveries).</summary>
    HigherIsBetter = 1,
}
