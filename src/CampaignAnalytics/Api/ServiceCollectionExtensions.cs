using System;
using System.Net.Http;
using CampaignAnalytics.Catalogue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CampaignAnalytics.Api;

/// <summary>Registers <see cref="DataSeriesClient"/> with <c>IHttpClientFactory</c>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client the factory builds for <see cref="DataSeriesClient"/>.</summary>
    public const string HttpClientName = "CampaignAnalytics.DataSeries";

    /// <summary>
    /// Registers <see cref="DataSeriesClient"/> and <c>IDataSeriesSource&lt;DailyDataPoint&gt;</c> (transient) over a named HTTP
    /// client whose pipeline holds the rate-limit and retry handler (<see cref="DataSeriesClient.CreateResilienceHandler"/>;
    /// the rate-limit state is shared by all clients of the container). Uses a registered <see cref="TimeProvider"/>,
    /// <see cref="ILoggerFactory"/> and <c>IProgress&lt;FetchWait&gt;</c> when there are. The primary handler follows at most
    /// <see cref="DataSeriesClient.MaxRedirects"/> redirects. Returns the HTTP client builder for further handlers.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Instance, key and limits.</param>
    public static IHttpClientBuilder AddCampaignAnalyticsClient(this IServiceCollection services, DataSeriesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return services.AddCampaignAnalyticsClient(_ => options);
    }

    /// <summary>
    /// Registers <see cref="DataSeriesClient"/> and <c>IDataSeriesSource&lt;DailyDataPoint&gt;</c> with options built from the
    /// container (e.g. from configuration), once, on first use. See the other overload.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Builds the options from the container.</param>
    public static IHttpClientBuilder AddCampaignAnalyticsClient(this IServiceCollection services, Func<IServiceProvider, DataSeriesClientOptions> options)
    {
        var builder = AddHttpPipeline(services, options);
        services.TryAddTransient(sp => new DataSeriesClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<Registration>().Options,
            sp.GetService<ILoggerFactory>()?.CreateLogger<DataSeriesClient>()));
        services.TryAddTransient<IDataSeriesSource<Models.DailyDataPoint>>(sp => sp.GetRequiredService<DataSeriesClient>());
        return builder;
    }

    /// <summary>
    /// Registers <see cref="DataSeriesClient{TResponse, TDay}"/> and <see cref="IDataSeriesSource{TDay}"/> for the catalogue of
    /// a schema of your own, as the bundled catalogue's overload does.
    /// </summary>
    /// <typeparam name="TResponse">The catalogue's response type.</typeparam>
    /// <typeparam name="TDay">The catalogue's day type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Builds the options from the container.</param>
    /// <param name="catalogue">The generated catalogue. Invalid: null.</param>
    public static IHttpClientBuilder AddCampaignAnalyticsClient<TResponse, TDay>(this IServiceCollection services, Func<IServiceProvider, DataSeriesClientOptions> options, ChannelCatalogue<TResponse, TDay> catalogue)
        where TResponse : class, IDataSeriesResponse<TDay>
        where TDay : class, IDailyDataPoint
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var builder = AddHttpPipeline(services, options);
        services.TryAddTransient(sp => new DataSeriesClient<TResponse, TDay>(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<Registration>().Options,
            catalogue,
            sp.GetService<ILoggerFactory>()?.CreateLogger<DataSeriesClient>()));
        services.TryAddTransient<IDataSeriesSource<TDay>>(sp => sp.GetRequiredService<DataSeriesClient<TResponse, TDay>>());
        return builder;
    }

    private static IHttpClientBuilder AddHttpPipeline(IServiceCollection services, Func<IServiceProvider, DataSeriesClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);

        services.TryAddSingleton(sp =>
        {
            var o = options(sp) ?? throw new InvalidOperationException("The options factory of AddCampaignAnalyticsClient returned null.");
            o.Validate();
            return new Registration(o, new RateLimitGates());
        });

        return services
            .AddHttpClient(HttpClientName, http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(DataSeriesClient.CreatePrimaryHandler)
            .AddHttpMessageHandler(sp =>
            {
                var r = sp.GetRequiredService<Registration>();
                return new BrazeResilienceHandler(
                    r.Options, r.Gate, sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()?.CreateLogger<DataSeriesClient>(), sp.GetService<IProgress<FetchWait>>());
            });
    }

    internal sealed record Registration(DataSeriesClientOptions Options, RateLimitGates Gate);
}
