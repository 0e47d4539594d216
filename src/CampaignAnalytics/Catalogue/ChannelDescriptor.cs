using System;
using System.Collections.Generic;
using System.Linq;

namespace CampaignAnalytics.Catalogue;

/// <summary>
/// A group of dynamic count fields matched by a pattern, such as push
/// <c>notif_button_[NUM]_[TITLE]_click</c>: read as a map from the full field name to its count.
/// </summary>
public sealed class DynamicMetricGroup
{
    private readonly Func<IVariation, IReadOnlyDictionary<string, long>?> _get;

    /// <summary>Creates a group.</summary>
    /// <param name="propertyName">The C# property holding the map, e.g. <c>NotificationButtonClicks</c>.</param>
    /// <param name="pattern">The schema's pattern, e.g. <c>^notif_button_.*_click$</c>.</param>
    /// <param name="description">The schema's description.</param>
    /// <param name="get">Reads the map; null when the element has no such field.</param>
    public DynamicMetricGroup(string propertyName, string pattern, string description, Func<IVariation, IReadOnlyDictionary<string, long>?> get)
    {
        PropertyName = propertyName;
        Pattern = pattern;
        Description = description;
        _get = get;
    }

    /// <summary>The C# property holding the map.</summary>
    public string PropertyName { get; }

    /// <summary>The schema's pattern for the field names.</summary>
    public string Pattern { get; }

    /// <summary>The schema's description.</summary>
    public string Description { get; }

    /// <summary>The fields of this group on one element, by full field name; empty when none.</summary>
    /// <param name="variation">The element to read from.</param>
    public IReadOnlyDictionary<string, long> Get(IVariation variation) =>
        _get(variation) ?? EmptyMap;

    private static readonly IReadOnlyDictionary<string, long> EmptyMap = new Dictionary<string, long>(0);
}

/// <summary>
/// One messaging channel of the schema (<c>email</c>, <c>ios_push</c>, ...): its key, display name,
/// metrics, rates and a reflection-free accessor for its variations on a day. The generated catalogue's channels are
/// <see cref="ChannelDescriptor{TDay, TVariation}"/>, whose accessor is typed.
/// </summary>
public class ChannelDescriptor
{
    private readonly Func<IDailyDataPoint, IReadOnlyList<IVariation>?> _getVariations;
    private readonly Dictionary<string, MetricDescriptor<IVariation>> _metricsByName;
    private readonly Dictionary<string, RateDescriptor<IVariation>> _ratesByName;

    /// <summary>Creates a channel descriptor (the generated catalogue does this).</summary>
    /// <param name="key">The channel key in <c>messages</c>, e.g. <c>email</c>.</param>
    /// <param name="displayName">A name for people, e.g. <c>Email</c>.</param>
    /// <param name="description">The schema's description.</param>
    /// <param name="variationType">The generated model type of the channel's elements.</param>
    /// <param name="metrics">Field metrics, in schema order.</param>
    /// <param name="derivedMetrics">Derived metrics, in schema order.</param>
    /// <param name="rates">Rates, in schema order.</param>
    /// <param name="dynamicMetrics">Dynamic field groups, in schema order.</param>
    /// <param name="getVariations">Reads the channel's elements of a day; null when the day lacks the channel.</param>
    /// <param name="exposureMetrics">The schema's <c>x-exposure</c>: metrics counting how many users each element was assigned, tried in order; null or empty for none.</param>
    public ChannelDescriptor(
        string key,
        string displayName,
        string description,
        Type variationType,
        IReadOnlyList<MetricDescriptor<IVariation>> metrics,
        IReadOnlyList<MetricDescriptor<IVariation>> derivedMetrics,
        IReadOnlyList<RateDescriptor<IVariation>> rates,
        IReadOnlyList<DynamicMetricGroup> dynamicMetrics,
        Func<IDailyDataPoint, IReadOnlyList<IVariation>?> getVariations,
        IReadOnlyList<MetricDescriptor<IVariation>>? exposureMetrics = null)
    {
        ExposureMetrics = exposureMetrics ?? Array.Empty<MetricDescriptor<IVariation>>();
        Key = key;
        DisplayName = displayName;
        Description = description;
        VariationType = variationType;
        Metrics = metrics;
        DerivedMetrics = derivedMetrics;
        Rates = rates;
        DynamicMetrics = dynamicMetrics;
        _getVariations = getVariations;
        _metricsByName = metrics.Concat(derivedMetrics).ToDictionary(m => m.Name, StringComparer.Ordinal);
        _ratesByName = rates.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The channel key in <c>messages</c>, e.g. <c>email</c>.</summary>
    public string Key { get; }

    /// <summary>A name for people, e.g. <c>Email</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The schema's description.</summary>
    public string Description { get; }

    /// <summary>The generated model type of the channel's elements, e.g. <c>EmailVariation</c>.</summary>
    public Type VariationType { get; }

    /// <summary>Metrics read from fields, in schema order (the common variation fields first).</summary>
    public IReadOnlyList<MetricDescriptor<IVariation>> Metrics { get; }

    /// <summary>Metrics derived from other metrics, such as push <c>deliveries</c>.</summary>
    public IReadOnlyList<MetricDescriptor<IVariation>> DerivedMetrics { get; }

    /// <summary>The rates the schema declares for the channel.</summary>
    public IReadOnlyList<RateDescriptor<IVariation>> Rates { get; }

    /// <summary>
    /// Metrics counting how many users each element was assigned (sends for a variation, enrolment for the
    /// control group), tried in order per element; the sample-ratio-mismatch test uses them. Empty when the
    /// schema declares none (<c>x-exposure</c>).
    /// </summary>
    public IReadOnlyList<MetricDescriptor<IVariation>> ExposureMetrics { get; }

    /// <summary>The first exposure metric the element reports; null when it reports none.</summary>
    /// <param name="variation">The element.</param>
    public long? GetExposure(IVariation variation)
    {
        foreach (var metric in ExposureMetrics)
        {
            if (metric.GetCount(variation) is long value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Groups of dynamic fields matched by pattern.</summary>
    public IReadOnlyList<DynamicMetricGroup> DynamicMetrics { get; }

    /// <summary>The channel's elements on a day: empty when the day lacks the channel.</summary>
    /// <param name="day">The day to read from.</param>
    public IReadOnlyList<IVariation> GetVariations(IDailyDataPoint day) => _getVariations(day) ?? Array.Empty<IVariation>();

    /// <summary>True when the day carries the channel key (even as an empty array).</summary>
    /// <param name="day">The day to read from.</param>
    public bool IsPresent(IDailyDataPoint day) => _getVariations(day) is not null;

    /// <summary>Finds a field or derived metric by name (ordinal); null when the channel has none.</summary>
    /// <param name="name">The metric name, e.g. <c>unique_clicks</c>.</param>
    public MetricDescriptor<IVariation>? FindMetric(string name) =>
        _metricsByName.TryGetValue(name, out var m) ? m : null;

    /// <summary>Finds a rate by name (case-insensitive); null when the channel has none.</summary>
    /// <param name="name">The rate name, e.g. <c>UniqueClickRate</c>.</param>
    public RateDescriptor<IVariation>? FindRate(string name) =>
        _ratesByName.TryGetValue(name, out var r) ? r : null;

    /// <inheritdoc />
    public override string ToString() => Key;
}

/// <summary>
/// A channel whose day and element types are known (the generated records): <see cref="GetVariations(TDay)"/> gives the
/// generated variation type, e.g. <c>CampaignDataSeriesCatalogue.EmailChannel.GetVariations(day)</c> is a list of
/// <c>EmailVariation</c>.
/// </summary>
/// <typeparam name="TDay">The generated day type.</typeparam>
/// <typeparam name="TVariation">The generated model type of the channel's elements.</typeparam>
public sealed class ChannelDescriptor<TDay, TVariation> : ChannelDescriptor
    where TDay : class, IDailyDataPoint
    where TVariation : class, IVariation
{
    private readonly Func<TDay, IReadOnlyList<TVariation>?> _getTyped;

    /// <summary>Creates a channel descriptor (the generated catalogue does this).</summary>
    /// <param name="key">The channel key in <c>messages</c>, e.g. <c>email</c>.</param>
    /// <param name="displayName">A name for people, e.g. <c>Email</c>.</param>
    /// <param name="description">The schema's description.</param>
    /// <param name="metrics">Field metrics, in schema order.</param>
    /// <param name="derivedMetrics">Derived metrics, in schema order.</param>
    /// <param name="rates">Rates, in schema order.</param>
    /// <param name="dynamicMetrics">Dynamic field groups, in schema order.</param>
    /// <param name="getVariations">Reads the channel's elements of a day; null when the day lacks the channel.</param>
    /// <param name="exposureMetrics">The schema's <c>x-exposure</c> metrics, tried in order; null or empty for none.</param>
    public ChannelDescriptor(
        string key,
        string displayName,
        string description,
        IReadOnlyList<MetricDescriptor<IVariation>> metrics,
        IReadOnlyList<MetricDescriptor<IVariation>> derivedMetrics,
        IReadOnlyList<RateDescriptor<IVariation>> rates,
        IReadOnlyList<DynamicMetricGroup> dynamicMetrics,
        Func<TDay, IReadOnlyList<TVariation>?> getVariations,
        IReadOnlyList<MetricDescriptor<IVariation>>? exposureMetrics = null)
        : base(key, displayName, description, typeof(TVariation), metrics, derivedMetrics, rates, dynamicMetrics, Untyped(getVariations), exposureMetrics)
    {
        _getTyped = getVariations;
    }

    /// <summary>The channel's elements on a day, as the generated variation type: empty when the day lacks the channel.</summary>
    /// <param name="day">The day to read from.</param>
    public IReadOnlyList<TVariation> GetVariations(TDay day) => _getTyped(day) ?? Array.Empty<TVariation>();

    private static Func<IDailyDataPoint, IReadOnlyList<IVariation>?> Untyped(Func<TDay, IReadOnlyList<TVariation>?> getVariations)
    {
        ArgumentNullException.ThrowIfNull(getVariations);
        return day => getVariations(day as TDay ?? throw new ArgumentException(
            "Expected a " + typeof(TDay).FullName + " from this catalogue's schema, got " + (day?.GetType().FullName ?? "null") + ".", nameof(day)));
    }
}
