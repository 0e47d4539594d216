using System;
using System.Collections.Generic;
using System.Linq;

namespace CampaignAnalytics.Api;

/// <summary>
/// A Braze REST endpoint: one of the named instances (US-01 … KR-01) or an explicit URL.
/// Explicit URLs must use https, except http to a loopback host (127.0.0.0/8, ::1, localhost) for tests.
/// </summary>
public sealed record BrazeInstance
{
    private BrazeInstance(string? name, Uri restEndpoint)
    {
        Name = name;
        RestEndpoint = restEndpoint;
    }

    /// <summary>The instance name, e.g. <c>US-01</c>; null for an explicit URL.</summary>
    public string? Name { get; }

    /// <summary>The REST endpoint's base URL, always ending in a slash, e.g. <c>https://rest.iad-01.braze.com/</c>.</summary>
    public Uri RestEndpoint { get; }

    /// <summary>US-01: <c>https://rest.iad-01.braze.com</c>.</summary>
    public static BrazeInstance US01 { get; } = Named("US-01", "https://rest.iad-01.braze.com/");

    /// <summary>US-02: <c>https://rest.iad-02.braze.com</c>.</summary>
    public static BrazeInstance US02 { get; } = Named("US-02", "https://rest.iad-02.braze.com/");

    /// <summary>US-03: <c>https://rest.iad-03.braze.com</c>.</summary>
    public static BrazeInstance US03 { get; } = Named("US-03", "https://rest.iad-03.braze.com/");

    /// <summary>US-04: <c>https://rest.iad-04.braze.com</c>.</summary>
    public static BrazeInstance US04 { get; } = Named("US-04", "https://rest.iad-04.braze.com/");

    /// <summary>US-05: <c>https://rest.iad-05.braze.com</c>.</summary>
    public static BrazeInstance US05 { get; } = Named("US-05", "https://rest.iad-05.braze.com/");

    /// <summary>US-06: <c>https://rest.iad-06.braze.com</c>.</summary>
    public static BrazeInstance US06 { get; } = Named("US-06", "https://rest.iad-06.braze.com/");

    /// <summary>US-07: <c>https://rest.iad-07.braze.com</c>.</summary>
    public static BrazeInstance US07 { get; } = Named("US-07", "https://rest.iad-07.braze.com/");

    /// <summary>US-08: <c>https://rest.iad-08.braze.com</c>.</summary>
    public static BrazeInstance US08 { get; } = Named("US-08", "https://rest.iad-08.braze.com/");

    /// <summary>US-10: <c>https://rest.us-10.braze.com</c>.</summary>
    public static BrazeInstance US10 { get; } = Named("US-10", "https://rest.us-10.braze.com/");

    /// <summary>EU-01: <c>https://rest.fra-01.braze.eu</c>.</summary>
    public static BrazeInstance EU01 { get; } = Named("EU-01", "https://rest.fra-01.braze.eu/");

    /// <summary>EU-02: <c>https://rest.fra-02.braze.eu</c>.</summary>
    public static BrazeInstance EU02 { get; } = Named("EU-02", "https://rest.fra-02.braze.eu/");

    /// <summary>AU-01: <c>https://rest.au-01.braze.com</c>.</summary>
    public static BrazeInstance AU01 { get; } = Named("AU-01", "https://rest.au-01.braze.com/");

    /// <summary>ID-01: <c>https://rest.id-01.braze.com</c>.</summary>
    public static BrazeInstance ID01 { get; } = Named("ID-01", "https://rest.id-01.braze.com/");

    /// <summary>JP-01: <c>https://rest.jp-01.braze.com</c>.</summary>
    public static BrazeInstance JP01 { get; } = Named("JP-01", "https://rest.jp-01.braze.com/");

    /// <summary>KR-01: <c>https://rest.kr-01.braze.com</c>.</summary>
    public static BrazeInstance KR01 { get; } = Named("KR-01", "https://rest.kr-01.braze.com/");

    /// <summary>Every named instance, in the order Braze lists them (a read-only list: it cannot be cast back to an array and changed).</summary>
    public static IReadOnlyList<BrazeInstance> All { get; } = Array.AsReadOnly(new[]
    {
        US01, US02, US03, US04, US05, US06, US07, US08, US10, EU01, EU02, AU01, ID01, JP01, KR01,
    });

    /// <summary>The valid instance names, comma separated (for messages).</summary>
    public static string ValidNames => string.Join(", ", All.Select(i => i.Name));

    /// <summary>
    /// Finds a named instance (case-insensitive; <c>us-01</c>, <c>US01</c> and <c>US_01</c> all work).
    /// Throws <see cref="ArgumentException"/> listing the valid names when there is none.
    /// </summary>
    /// <param name="name">The instance name, e.g. <c>US-01</c>.</param>
    public static BrazeInstance FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryFromName(name)
            ?? throw new ArgumentException($"'{name}' is not a Braze instance. Valid names: {ValidNames}; or give an https URL.", nameof(name));
    }

    /// <summary>Finds a named instance (case-insensitive); null when there is none.</summary>
    /// <param name="name">The instance name, e.g. <c>EU-01</c>.</param>
    public static BrazeInstance? TryFromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var key = Normalize(name);
        return All.FirstOrDefault(i => string.Equals(Normalize(i.Name!), key, StringComparison.Ordinal));
    }

    /// <summary>
    /// An explicit REST endpoint URL. It must be absolute, without user info, query or fragment, and use
    /// https — http is accepted only for a loopback host (127.0.0.0/8, ::1, localhost).
    /// Throws <see cref="ArgumentException"/> otherwise.
    /// </summary>
    /// <param name="restEndpoint">The base URL, e.g. <c>https://rest.iad-01.braze.com</c> or <c>http://127.0.0.1:5000</c>.</param>
    public static BrazeInstance FromUrl(Uri restEndpoint)
    {
        ArgumentNullException.ThrowIfNull(restEndpoint);
        if (!restEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The Braze REST endpoint '{restEndpoint}' must be an absolute URL.", nameof(restEndpoint));
        }

        if (!string.IsNullOrEmpty(restEndpoint.UserInfo))
        {
            // Never echo the URL: user info may hold credentials.
            throw new ArgumentException("The Braze REST endpoint must not carry user info (credentials) in the URL; give the API key in the options.", nameof(restEndpoint));
        }

        var isHttps = restEndpoint.Scheme == Uri.UriSchemeHttps;
        var isLoopbackHttp = restEndpoint.Scheme == Uri.UriSchemeHttp && restEndpoint.IsLoopback;
        if (!isHttps && !isLoopbackHttp)
        {
            throw new ArgumentException(
                $"The Braze REST endpoint '{restEndpoint}' must use https (http is allowed only for loopback hosts: 127.0.0.0/8, ::1, localhost).",
                nameof(restEndpoint));
        }

        if (!string.IsNullOrEmpty(restEndpoint.Query) || !string.IsNullOrEmpty(restEndpoint.Fragment))
        {
            throw new ArgumentException($"The Braze REST endpoint '{restEndpoint}' must not have a query or fragment.", nameof(restEndpoint));
        }

        var text = restEndpoint.GetLeftPart(UriPartial.Path);
        if (!text.EndsWith('/'))
        {
            text += "/";
        }

        var normalized = new Uri(text, UriKind.Absolute);
        var known = All.FirstOrDefault(i => i.RestEndpoint == normalized);
        return known ?? new BrazeInstance(null, normalized);
    }

    /// <summary>
    /// Parses an instance name (<c>US-01</c>, case-insensitive) or an explicit URL (anything containing
    /// <c>://</c>). Throws <see cref="ArgumentException"/> listing the valid names when neither fits.
    /// </summary>
    /// <param name="nameOrUrl">An instance name or a REST endpoint URL.</param>
    public static BrazeInstance Parse(string nameOrUrl)
    {
        ArgumentNullException.ThrowIfNull(nameOrUrl);
        var text = nameOrUrl.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                throw new ArgumentException($"'{text}' is not a valid URL.", nameof(nameOrUrl));
            }

            return FromUrl(uri);
        }

        return FromName(text);
    }

    /// <inheritdoc />
    public override string ToString() => Name is null ? RestEndpoint.ToString() : $"{Name} ({RestEndpoint})";

    private static BrazeInstance Named(string name, string url) => new(name, new Uri(url, UriKind.Absolute));

    private static string Normalize(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 64)];
        var n = 0;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or ' ')
            {
                continue;
            }

            if (n == buffer.Length)
            {
                return name;
            }

            buffer[n++] = char.ToUpperInvariant(c);
        }

        return new string(buffer[..n]);
    }
}
